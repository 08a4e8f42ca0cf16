using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Backoffice;

/// <summary>
/// What the backoffice loads of the package after a normal build (MSBuild runs npm ci + vite):
/// the manifest and the one bundle, from <c>/App_Plugins/Studenka.Notifications/</c>. The journey
/// in the real backoffice is the browser tests' job; this catches a build that ships no bundle.
/// </summary>
public sealed partial class ExtensionAssetsTests
{
    private const string Folder = "/App_Plugins/Studenka.Notifications/";

    [Fact]
    public async Task Every_element_the_manifest_names_is_served_as_a_module_that_defines_it()
    {
        using var site = new StudenkaSiteFactory();
        var client = site.CreateClient();
        var manifest = await ServedManifestAsync(client);

        var views = Extensions(manifest).Where(e => e["element"] is not null).ToList();
        Assert.Contains(views, v => (string?)v["elementName"] == "studenka-sms-compose");
        Assert.Contains(views, v => (string?)v["elementName"] == "studenka-sms-campaigns");
        foreach (var view in views)
        {
            var url = (string)view["element"]!;
            Assert.StartsWith(Folder, url, StringComparison.Ordinal);
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            var bundle = await response.Content.ReadAsStringAsync();
            Assert.Contains($"\"{view["elementName"]}\"", bundle, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_bundle_imports_only_what_the_backoffice_import_map_supplies()
    {
        using var site = new StudenkaSiteFactory();
        var bundle = await site.CreateClient().GetStringAsync(Folder + "studenka-notifications.js");

        var imports = ImportSpecifier().Matches(bundle).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct().ToList();

        Assert.Contains("@umbraco-cms/backoffice/external/lit", imports);
        Assert.All(imports, i => Assert.StartsWith("@umbraco-cms/backoffice/", i, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_statistics_view_is_hidden_from_the_dispatch_group_by_the_key_the_package_gives_it()
    {
        using var site = new StudenkaSiteFactory();
        var manifest = await ServedManifestAsync(site.CreateClient());

        // A built-in condition on the current user, so the tab comes with the others (no request of its own).
        var statistics = Assert.Single(Extensions(manifest), e => (string?)e["alias"] == "Studenka.Notifications.SectionView.Statistics");
        var group = Assert.Single(statistics["conditions"]!.AsArray(), c => (string?)c!["alias"] == "Umb.Condition.CurrentUser.GroupId")!;
        Assert.Equal([Notifications.Umbraco.BackOfficeRoles.DispatchGroupKey.ToString("D")], group["noneOf"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task The_served_manifest_is_the_repository_root_manifest_with_the_section_and_both_languages()
    {
        using var site = new StudenkaSiteFactory();
        var served = await ServedManifestAsync(site.CreateClient());
        var root = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "umbraco-package.json")))!.AsObject();

        // The build writes the product version (Directory.Build.props) into the served copy.
        var packageVersion = typeof(Studenka.Umbraco.Notifications.StudenkaNotificationsServiceCollectionExtensions).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(packageVersion, (string?)served["version"]);
        foreach (var generated in new[] { "$schema", "version" })
        {
            served.Remove(generated);
            root.Remove(generated);
        }

        Assert.True(JsonNode.DeepEquals(root, served), "umbraco-package.json at the root differs from the served Client/public/umbraco-package.json.");

        var section = Assert.Single(Extensions(served), e => (string?)e["type"] == "section");
        Assert.Equal("Studenka.Notifications.Section", (string?)section["alias"]);
        Assert.Equal("sms", (string?)section["meta"]!["pathname"]);
        Assert.Equal("Umb.Condition.SectionUserPermission", (string?)section["conditions"]![0]!["alias"]);
        var terms = Extensions(served).Where(e => (string?)e["type"] == "localization")
            .ToDictionary(e => (string)e["meta"]!["culture"]!, e => e["meta"]!["localizations"]!["studenkaSms"]!.AsObject().Select(p => p.Key).Order().ToList());
        Assert.Equal(["cs", "en"], terms.Keys.Order());
        Assert.Equal(terms["cs"], terms["en"]);
        Assert.Equal("SMS zprávy", (string?)Extensions(served).First(e => (string?)e["meta"]?["culture"] == "cs")["meta"]!["localizations"]!["studenkaSms"]!["section"]);
    }

    private static async Task<JsonObject> ServedManifestAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Folder + "umbraco-package.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<JsonObject> Extensions(JsonObject manifest) =>
        manifest["extensions"]!.AsArray().Select(e => e!.AsObject());

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Studenka.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Studenka.sln not found above {AppContext.BaseDirectory}.");
    }

    // Static imports and re-exports (a statement of their own, at a line start or after ';'), side-effect
    // imports and dynamic import() of the built ES module. Not any `from"`: the views' own strings and
    // templates hold words like "stats-from" (the looser pattern read those as imports).
    [GeneratedRegex("""(?m)(?:^|;)\s*(?:import|export)\s*(?:[\w$*{][^;"']*?\bfrom\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)""")]
    private static partial Regex ImportSpecifier();
}
