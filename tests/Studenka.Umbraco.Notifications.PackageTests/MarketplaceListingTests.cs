using System.Text.Json;
using System.Xml.Linq;

namespace Studenka.Umbraco.Notifications.PackageTests;

/// <summary>
/// umbraco-marketplace.json as the Umbraco Marketplace reads it from the repository root: only the
/// documented keys and values (it ignores anything else without a word), screenshots that exist.
/// </summary>
public sealed class MarketplaceListingTests
{
    private static readonly string[] Keys =
    [
        "$schema", "AddOnPackagesRequiredForUmbracoCloud", "AlternateCategory", "AlternatePackageNames", "AuthorDetails", "Category",
        "Description", "DiscussionForumUrl", "DocumentationUrl", "IssueTrackerUrl", "IsSubPackageOf", "LicenseTypes",
        "LookingForContributors", "LookingForMaintainer", "PackageType", "PackagesByAuthor", "RelatedPackages", "Screenshots",
        "Tags", "Title", "VersionDependencyMode", "VersionSpecificPackageIds", "VideoUrl",
    ];

    private static readonly string[] Categories =
    [
        "Analytics & Insights", "Artificial Intelligence", "Campaign & Marketing", "Commerce", "Developer Tools", "Editor Tools",
        "Headless", "PIM & DAM", "Search", "Themes & Starter Kits", "Translations",
    ];

    private static string Root => PackageFixture.RepositoryRoot;

    private static JsonElement Listing() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "umbraco-marketplace.json"))).RootElement;

    private static string RepositoryUrl() =>
        XElement.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

    [Fact]
    public void The_listing_uses_only_documented_keys_and_values()
    {
        var listing = Listing();

        Assert.Equal("https://marketplace.umbraco.com/umbraco-marketplace-schema.json", listing.GetProperty("$schema").GetString());
        Assert.All(listing.EnumerateObject(), p => Assert.Contains(p.Name, Keys));
        Assert.Contains(listing.GetProperty("Category").GetString(), Categories);
        Assert.Contains(listing.GetProperty("AlternateCategory").GetString(), Categories);
        Assert.Contains(listing.GetProperty("PackageType").GetString(), new[] { "Package", "Integration" });
        Assert.All(listing.GetProperty("LicenseTypes").EnumerateArray(), l => Assert.Contains(l.GetString(), new[] { "Free", "Purchase", "Subscription" }));
    }

    [Fact]
    public void The_listing_names_the_author_and_the_repositorys_issue_tracker_and_install_section()
    {
        var listing = Listing();

        Assert.False(string.IsNullOrWhiteSpace(listing.GetProperty("AuthorDetails").GetProperty("Name").GetString()));
        Assert.Equal(RepositoryUrl() + "/issues", listing.GetProperty("IssueTrackerUrl").GetString());
        var documentation = listing.GetProperty("DocumentationUrl").GetString()!;
        Assert.StartsWith(RepositoryUrl() + "#", documentation, StringComparison.Ordinal);
        // The anchor GitHub gives the README heading.
        Assert.Contains("\n## Install into your Umbraco 17 site\n", File.ReadAllText(Path.Combine(Root, "README.md")), StringComparison.Ordinal);
        Assert.EndsWith("#install-into-your-umbraco-17-site", documentation, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_screenshot_is_a_png_in_the_repository_with_a_caption()
    {
        var raw = RepositoryUrl().Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal) + "/main/";
        var screenshots = Listing().GetProperty("Screenshots").EnumerateArray().ToList();

        Assert.NotEmpty(screenshots);
        foreach (var screenshot in screenshots)
        {
            var url = screenshot.GetProperty("ImageUrl").GetString()!;
            Assert.StartsWith(raw + "docs/screenshots/", url, StringComparison.Ordinal);
            var file = Path.Combine(Root, url[raw.Length..]);
            Assert.True(File.Exists(file), $"{url}: no {file}");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(file)[..4]);
            Assert.False(string.IsNullOrWhiteSpace(screenshot.GetProperty("Caption").GetString()));
        }
    }

    [Fact]
    public void The_backoffice_folder_is_named_for_the_marketplaces_install_counts()
    {
        // Umbraco's telemetry names a package by its App_Plugins folder when that differs from the NuGet id.
        Assert.Contains("Studenka.Notifications", Listing().GetProperty("AlternatePackageNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("outDir: '../wwwroot/App_Plugins/Studenka.Notifications'",
            File.ReadAllText(Path.Combine(Root, "Studenka.Umbraco.Notifications", "Client", "vite.config.ts")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_marketplace_readme_describes_the_package_in_English_and_in_Czech()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "umbraco-marketplace-readme.md"));
        var czech = readme.IndexOf("\n## Česky\n", StringComparison.Ordinal);

        Assert.True(readme.IndexOf("\n## English\n", StringComparison.Ordinal) is >= 0 and var english && english < czech, "an English, then a Czech section");
        Assert.Contains("Občané se přihlásí na webu města", readme[czech..], StringComparison.Ordinal);
        Assert.Contains("dotnet add package " + PackageFixture.PackageId, readme, StringComparison.Ordinal);
        // The English description of the listing itself says where the Czech one is.
        Assert.Contains("umbraco-marketplace-readme.md", Listing().GetProperty("Description").GetString(), StringComparison.Ordinal);
    }
}
