using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Studenka.Umbraco.Site.IntegrationTests.Backoffice;

/// <summary>The page that boots the real backoffice client at /umbraco, and what is not that page.</summary>
public sealed partial class BackOfficeBootPageTests
{
    [GeneratedRegex("<script type=\"importmap\">(?<map>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapScript();

    [GeneratedRegex("<script type=\"module\" src=\"(?<src>[^\"]+)\"></script>")]
    private static partial Regex ModuleScript();

    internal static async Task<(HttpResponseMessage Response, string Html)> BootAsync(HttpClient client, string path = "/umbraco")
    {
        var response = await client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    internal static JsonObject ImportMap(string html) => (JsonObject)JsonNode.Parse(ImportMapScript().Match(html).Groups["map"].Value)!["imports"]!;

    [Fact]
    public async Task The_boot_page_is_Czech_and_its_import_map_holds_the_bundled_backoffice_and_every_served_package()
    {
        using var site = new BackOfficeTestSite();
        var client = site.Client();
        var (response, html) = await BootAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "the boot page names the current bundle: never cached");
        Assert.Contains("<html lang=\"cs\">", html, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/umbraco/\" />", html, StringComparison.Ordinal);
        Assert.Contains("<umb-app></umb-app>", html, StringComparison.Ordinal);

        var imports = ImportMap(html);
        Assert.Equal(135, imports.Count(i => i.Key.StartsWith("@umbraco-cms/backoffice/", StringComparison.Ordinal)));
        var lit = imports["@umbraco-cms/backoffice/external/lit"]!.GetValue<string>();
        Assert.Matches("^/umbraco/backoffice/17\\.1\\.0-[0-9a-f]{10}/external/lit/index\\.js$", lit);
        var app = ModuleScript().Match(html).Groups["src"].Value;
        Assert.StartsWith(lit[..lit.IndexOf("/external/", StringComparison.Ordinal)], app, StringComparison.Ordinal);

        // Every file the page names is served: the app module, the stylesheets, each import-map target.
        foreach (var url in imports.Select(i => i.Value!.GetValue<string>()).Append(app))
        {
            Assert.True((await client.GetAsync(url)).IsSuccessStatusCode, url);
        }

        // The package's manifest as served: its import map entries are in the page.
        var manifest = JsonNode.Parse(await client.GetStringAsync("/App_Plugins/Studenka.Notifications/umbraco-package.json"))!;
        foreach (var (specifier, url) in manifest["importmap"]?["imports"]?.AsObject() ?? [])
        {
            Assert.Equal(url!.GetValue<string>(), imports[specifier]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_boot_page_allows_its_own_import_map_by_hash_and_no_other_inline_script()
    {
        using var site = new BackOfficeTestSite();
        var (response, html) = await BootAsync(site.Client());

        var csp = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        var map = ImportMapScript().Match(html).Groups["map"].Value;
        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map))) + "'";
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal($"script-src 'self' {hash}", scriptSrc);
        Assert.Contains("base-uri 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_package_api_and_the_town_pages_keep_the_package_policy()
    {
        using var site = new BackOfficeTestSite();
        var client = site.Client();
        foreach (var path in new[] { "/umbraco/sms/api/v1/campaigns", "/umbraco/sms/api/v1/nope", "/sms", "/" })
        {
            var response = await client.GetAsync(path);
            var csp = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/umbraco/")]
    [InlineData("/umbraco/section/sms")]
    [InlineData("/umbraco/section/sms/dashboard/compose")]
    [InlineData("/umbraco/oauth_complete?code=%5Bredacted%5D&state=abc")]
    public async Task Client_routes_boot_the_app(string path)
    {
        using var site = new BackOfficeTestSite();
        var (response, html) = await BootAsync(site.Client(), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<umb-app></umb-app>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/umbraco/management/api/v1/nope")]
    [InlineData("POST", "/umbraco/management/api/v1/nope")]
    [InlineData("GET", "/umbraco/management/api/v2/server/status")]
    [InlineData("GET", "/umbraco/sms/api/v1/nope")]
    [InlineData("POST", "/umbraco/serverEventHub/negotiate?negotiateVersion=1")]
    public async Task Unknown_api_paths_are_Czech_problems_never_the_boot_page(string method, string path)
    {
        using var site = new BackOfficeTestSite();
        var response = await site.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Nenalezeno", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Bundle_files_are_immutable_and_a_missing_one_is_a_404_not_the_boot_page()
    {
        using var site = new BackOfficeTestSite();
        var client = site.Client();
        var (_, html) = await BootAsync(client);
        var app = ModuleScript().Match(html).Groups["src"].Value;

        var asset = await client.GetAsync(app);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());

        foreach (var missing in new[] { app.Replace("app.element.js", "nope.js", StringComparison.Ordinal), "/umbraco/backoffice/17.1.0/apps/app/app.element.js", "/umbraco/nope.js" })
        {
            var response = await client.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("umb-app", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(response.Headers.CacheControl?.MaxAge);
        }
    }
}
