using System.Net;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.ResidentPages;

/// <summary>Browsers ask every page for an icon; a 404 on each is noise in every log and a blank tab.</summary>
public sealed partial class FaviconTests
{
    [Fact]
    public async Task The_site_answers_favicon_ico_with_an_icon_file()
    {
        using var site = new StudenkaSiteFactory();

        var response = await site.CreateClient().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // ICONDIR: reserved 0, type 1 = icon
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sms")]
    [InlineData("/sms/ochrana-udaju")]
    [InlineData("/sms/sprava")]
    [InlineData("/neexistuje")]
    public async Task Every_page_of_the_site_links_an_icon_that_exists(string path)
    {
        using var site = new StudenkaSiteFactory();

        await AssertLinkedIconsExistAsync(site, path);
    }

    [Fact]
    public async Task The_package_layout_links_its_own_icon_for_hosts_without_a_layout()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Web:Layout"] = "_StudenkaSmsLayout" });

        await AssertLinkedIconsExistAsync(site, "/sms/prihlaska");
    }

    private static async Task AssertLinkedIconsExistAsync(StudenkaSiteFactory site, string path)
    {
        var client = site.CreateClient();
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();

        var icons = IconLink().Matches(html).Select(m => m.Groups["href"].Value).ToList();

        Assert.NotEmpty(icons);
        Assert.Contains(icons, href => href.EndsWith(".svg", StringComparison.Ordinal));
        foreach (var href in icons)
        {
            var icon = await client.GetAsync(href);
            Assert.True(icon.StatusCode == HttpStatusCode.OK, $"{path} links the icon {href}, which answers {(int)icon.StatusCode}");
            Assert.StartsWith("image/", icon.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<link rel=\"icon\"[^>]*href=\"(?<href>[^\"]+)\"")]
    private static partial Regex IconLink();
}
