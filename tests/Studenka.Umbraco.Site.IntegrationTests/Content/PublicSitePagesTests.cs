using System.Net;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Site.Content;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Content;

/// <summary>The public /akce and /aktuality pages: published values only, escaped, Czech dates, unique slugs, Czech 404s, HEAD.</summary>
public sealed partial class PublicSitePagesTests : IDisposable
{
    private readonly StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task The_public_pages_show_the_published_version_only_escaped_and_with_a_czech_date()
    {
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var key = (await editor.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id, title: "Koncert <b>sboru</b>", place: "kostel & fara"))).Key();
        await editor.ActAsync(key, "publish");
        using var saved = await editor.SendJsonAsync(HttpMethod.Put, $"{SitePagesClient.Api}/{key}", SitePagesClient.Concert(butovice.Part.Id, title: "Koncert zrušen", place: "nikde"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var visitor = _site.CreateClient();

        var list = await visitor.GetStringAsync("/akce");
        var detail = await visitor.GetStringAsync("/akce/koncert-bsborub");

        foreach (var html in new[] { list, detail })
        {
            Assert.Contains("Koncert &lt;b&gt;sboru&lt;/b&gt;", html);
            Assert.DoesNotContain("<b>sboru", html);
            Assert.Contains("sobota 12. prosince 2026 v 18:00", html);
            Assert.Contains("kostel &amp; fara", html);
            Assert.DoesNotContain("Koncert zrušen", html);
            Assert.DoesNotContain("nikde", html);
        }

        Assert.Contains("href=\"/akce/koncert-bsborub\"", list);
        Assert.Contains("Zpívá pěvecký sbor Studénka.", detail);
        Assert.Contains("href=\"/sms\"", detail);
    }

    [Fact]
    public async Task Drafts_and_unpublished_pages_are_a_czech_404_and_not_listed()
    {
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        await editor.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id, title: "Jen koncept"));
        var gone = (await editor.CreatedAsync(new { documentType = "newsPage", title = "Stažená zpráva", body = "Text." })).Key();
        await editor.ActAsync(gone, "publish");
        await editor.ActAsync(gone, "unpublish");
        using var visitor = _site.CreateClient();

        Assert.DoesNotContain("Jen koncept", await visitor.GetStringAsync("/akce"));
        Assert.DoesNotContain("Stažená zpráva", await visitor.GetStringAsync("/aktuality"));
        foreach (var path in new[] { "/aktuality/stazena-zprava", "/akce/jen-koncept", "/akce/nic-takoveho" })
        {
            using var response = await visitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Stránka nebyla nalezena", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Events_list_upcoming_ones_by_start_then_past_ones_and_a_second_page_of_the_same_name_gets_its_own_slug()
    {
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        async Task Publish(string title, string start)
        {
            var key = (await editor.CreatedAsync(new { documentType = "eventPage", title, eventStart = start, smsEnabled = false })).Key();
            await editor.ActAsync(key, "publish");
        }

        await Publish("Vánoční trh", "2026-12-19T10:00");
        await Publish("Adventní koncert", "2026-12-12T18:00");
        await Publish("Drakiáda", "2026-10-10T14:00");
        await Publish("Adventní koncert", "2026-12-13T18:00");
        using var visitor = _site.CreateClient();

        var list = await visitor.GetStringAsync("/akce");

        var order = EventLinks().Matches(list).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/akce/adventni-koncert", "/akce/adventni-koncert-2", "/akce/vanocni-trh", "/akce/drakiada"], order);
        Assert.True(list.IndexOf("Proběhlé akce", StringComparison.Ordinal) < list.IndexOf("/akce/drakiada", StringComparison.Ordinal));
        Assert.Contains("neděle 13. prosince 2026 v 18:00", await visitor.GetStringAsync("/akce/adventni-koncert-2"));
    }

    [Fact]
    public async Task News_are_listed_newest_first_and_linked_from_the_home_page()
    {
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        foreach (var title in new[] { "Starší zpráva", "Novější zpráva" })
        {
            var key = (await editor.CreatedAsync(new { documentType = "newsPage", title, body = "Text." })).Key();
            await editor.ActAsync(key, "publish");
            // Less than the access token lives, so the editor stays signed in.
            _site.Time.Advance(TimeSpan.FromMinutes(5));
        }

        using var visitor = _site.CreateClient();
        var news = await visitor.GetStringAsync("/aktuality");
        var home = await visitor.GetStringAsync("/");

        Assert.True(news.IndexOf("Novější zpráva", StringComparison.Ordinal) < news.IndexOf("Starší zpráva", StringComparison.Ordinal));
        Assert.Contains("27. listopadu 2026", news);
        Assert.Contains("href=\"/akce\"", home);
        Assert.Contains("href=\"/aktuality\"", home);
    }

    [Theory]
    [InlineData("/akce")]
    [InlineData("/aktuality")]
    [InlineData("/aktuality/zprava-z-radnice")]
    public async Task A_head_request_answers_like_the_get(string path)
    {
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        await editor.ActAsync((await editor.CreatedAsync(new { documentType = "newsPage", title = "Zpráva z radnice" })).Key(), "publish");
        using var visitor = _site.CreateClient();

        using var get = await visitor.GetAsync(path);
        using var head = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Event_times_read_as_czech_speak_them() =>
        Assert.Equal("sobota 12. prosince 2026 v 18:00", PublicPagesController.EventTime(new DateTime(2026, 12, 12, 18, 0, 0)));

    [GeneratedRegex("<h3><a href=\"(/akce/[^\"]+)\"")]
    private static partial Regex EventLinks();
}
