using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Studenka.Umbraco.Notifications.PackageTests;

/// <summary>What `dotnet pack` puts into the nupkg and the snupkg (the NuGet and marketplace facts).</summary>
[Collection(PackageCollection.Name)]
public sealed class PackedPackageTests(PackageFixture package)
{
    /// <summary>Portable PDB custom debug information kind of SourceLink.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static string RepositoryFile(string path) => File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, path));

    private static string DeclaredVersion() =>
        XElement.Parse(RepositoryFile("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    [Fact]
    public void The_version_is_the_one_of_Directory_Build_props_in_the_nupkg_and_in_the_served_manifest()
    {
        using var manifest = JsonDocument.Parse(PackageFixture.Entry(package.NupkgPath, "staticwebassets/App_Plugins/Studenka.Notifications/umbraco-package.json"));

        Assert.Equal(DeclaredVersion(), package.Version);
        Assert.Equal(package.Version, manifest.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void The_nupkg_carries_the_assembly_with_its_views_and_the_static_web_assets()
    {
        var assembly = PackageFixture.Entry(package.NupkgPath, "lib/net10.0/Studenka.Umbraco.Notifications.dll");
        var strings = Encoding.UTF8.GetString(assembly);

        // Razor views are compiled into the assembly: the Block List / Block Grid partials and the ViewComponent's view by their paths.
        Assert.Contains("/Views/Partials/blocklist/Components/studenkaSmsSubscriptionForm.cshtml", strings, StringComparison.Ordinal);
        Assert.Contains("/Views/Partials/blockgrid/Components/studenkaSmsSubscriptionForm.cshtml", strings, StringComparison.Ordinal);
        Assert.Contains("/Views/Shared/Components/studenkaSmsSubscriptionForm/Default.cshtml", strings, StringComparison.Ordinal);
        // Built by the client build during the build (the re-include target): not in git, so only there if MSBuild picked them up.
        Assert.NotEmpty(PackageFixture.Entry(package.NupkgPath, "staticwebassets/App_Plugins/Studenka.Notifications/studenka-notifications.js"));
        Assert.NotEmpty(PackageFixture.Entry(package.NupkgPath, "staticwebassets/studenka-sms/sms.css"));
        Assert.NotEmpty(PackageFixture.Entry(package.NupkgPath, "staticwebassets/studenka-sms/sms.js"));
        // Not as old-style content files instead (what an evaluation that globbed wwwroot before vite ran would pack).
        using var archive = ZipFile.OpenRead(package.NupkgPath);
        Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("content", StringComparison.Ordinal));
    }

    [Fact]
    public void The_nuspec_has_the_marketplace_tags_the_MIT_licence_readme_icon_and_repository()
    {
        var tags = package.NuspecElement("tags").Value.Split(' ');
        var license = package.NuspecElement("license");
        var repository = package.NuspecElement("repository");

        Assert.Contains("umbraco", tags);
        Assert.Contains("umbraco-marketplace", tags);
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Contains("MIT License", Encoding.UTF8.GetString(PackageFixture.Entry(package.NupkgPath, "LICENSE")), StringComparison.Ordinal);
        Assert.Equal(RepositoryFile("README.md"), Encoding.UTF8.GetString(PackageFixture.Entry(package.NupkgPath, package.NuspecElement("readme").Value)));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], PackageFixture.Entry(package.NupkgPath, package.NuspecElement("icon").Value)[..4]);
        Assert.Equal(RepositoryUrl(), (string?)repository.Attribute("url"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit"));
    }

    [Fact]
    public void The_Umbraco_dependency_is_17_from_the_version_built_against_up_to_18()
    {
        var umbraco = package.Nuspec.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Umbraco.Cms.Core");

        Assert.Equal("[17.8.1, 18.0.0)", (string?)umbraco.Attribute("version"));
    }

    [Fact]
    public void The_release_notes_are_the_changelog_section_of_the_version()
    {
        var changelog = RepositoryFile("CHANGELOG.md").Replace("\r", "", StringComparison.Ordinal);
        var heading = $"## [{package.Version}]";
        var start = changelog.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"CHANGELOG.md has no {heading}");
        var body = changelog[(changelog.IndexOf('\n', start) + 1)..];
        var next = body.IndexOf("\n## [", StringComparison.Ordinal);

        Assert.Equal((next < 0 ? body : body[..next]).Trim(), package.NuspecElement("releaseNotes").Value.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_symbols_package_maps_the_sources_to_the_public_repository_at_the_commit()
    {
        Assert.True(File.Exists(package.SnupkgPath), "no .snupkg beside the .nupkg");
        var pdb = PackageFixture.Entry(package.SnupkgPath, "lib/net10.0/Studenka.Umbraco.Notifications.pdb");
        using var provider = MetadataReaderProvider.FromPortablePdbImage([.. pdb]);
        var reader = provider.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation)
            .Where(i => reader.GetGuid(i.Kind) == SourceLinkKind)
            .Select(i => Encoding.UTF8.GetString(reader.GetBlobBytes(i.Value))).Single();
        var commit = (string?)package.NuspecElement("repository").Attribute("commit");

        using var json = JsonDocument.Parse(sourceLink);
        var target = Assert.Single(json.RootElement.GetProperty("documents").EnumerateObject()).Value.GetString();
        Assert.Equal($"{RepositoryUrl().Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal)}/{commit}/*", target);
    }

    private static string RepositoryUrl() =>
        XElement.Parse(RepositoryFile("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
}
