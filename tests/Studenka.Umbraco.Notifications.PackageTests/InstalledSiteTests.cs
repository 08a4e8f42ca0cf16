using System.Net;
using System.Text.Json;

namespace Studenka.Umbraco.Notifications.PackageTests;

/// <summary>What a town's web agency gets after `dotnet add package` and a publish: served by the site itself.</summary>
[Collection(PackageCollection.Name)]
public sealed class InstalledSiteTests(PackageFixture package)
{
    private const string Plugin = "/App_Plugins/Studenka.Notifications/";

    [Fact]
    public async Task The_site_serves_the_backoffice_manifest_of_the_installed_version()
    {
        var site = await package.Site;

        using var response = await site.Client.GetAsync(Plugin + "umbraco-package.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(package.Version, manifest.RootElement.GetProperty("version").GetString());
        Assert.Contains(manifest.RootElement.GetProperty("extensions").EnumerateArray(),
            e => e.GetProperty("type").GetString() == "section" && e.GetProperty("alias").GetString() == "Studenka.Notifications.Section");
    }

    [Fact]
    public async Task Every_script_the_manifest_names_is_served_as_javascript()
    {
        var site = await package.Site;
        using var manifest = JsonDocument.Parse(await site.Client.GetStringAsync(Plugin + "umbraco-package.json"));
        var scripts = manifest.RootElement.GetProperty("extensions").EnumerateArray()
            .SelectMany(e => new[] { "element", "js", "api" }.Select(key => e.TryGetProperty(key, out var url) ? url.GetString() : null))
            .OfType<string>().Distinct().ToList();

        Assert.Contains(Plugin + "studenka-notifications.js", scripts);
        foreach (var script in scripts)
        {
            using var response = await site.Client.GetAsync(script);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{script}: {(int)response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            // The bundle defines the section's elements (the compose view among them).
            Assert.Contains("studenka-sms-compose", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_composer_registered_the_package_and_its_sign_up_page_answers_in_Czech()
    {
        var site = await package.Site;

        using var response = await site.Client.GetAsync("/sms/prihlaska");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/sms/prihlaska: {(int)response.StatusCode}\n{html}\n--- site log ---\n{site.Log}");
        AssertSignUpForm(html);
        // The package's database, created, migrated and seeded at start: the SQLite default under Umbraco's data folder.
        Assert.True(File.Exists(Path.Combine(site.ContentRoot, "umbraco", "Data", "studenka-sms.db")));
        // The package's middleware is in the pipeline by itself (IStartupFilter).
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_town_template_places_the_form_with_the_ViewComponent()
    {
        var site = await package.Site;

        using var response = await site.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/: {(int)response.StatusCode}\n{html}\n--- site log ---\n{site.Log}");
        Assert.Contains("<h1>Zprávy města do mobilu</h1>", html, StringComparison.Ordinal);
        AssertSignUpForm(html);
    }

    [Fact]
    public async Task The_resident_form_assets_the_page_links_are_served()
    {
        var site = await package.Site;
        var html = await site.Client.GetStringAsync("/sms/prihlaska");

        foreach (var (asset, mediaType) in new[] { ("/studenka-sms/sms.css", "text/css"), ("/studenka-sms/sms.js", "text/javascript") })
        {
            Assert.Contains(asset, html, StringComparison.Ordinal);
            using var response = await site.Client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>The form posts to the package, with antiforgery, and lists the city parts seeded into the package's database.</summary>
    private static void AssertSignUpForm(string html)
    {
        // Without the host's AddWebEncoders(UnicodeRanges.All) Razor writes Czech letters as entities.
        html = WebUtility.HtmlDecode(html);
        Assert.Contains("action=\"/sms/prihlaska\"", html, StringComparison.Ordinal);
        Assert.Contains("Přihlásit k odběru", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Contains("Nová Horka", html, StringComparison.Ordinal);
    }
}
