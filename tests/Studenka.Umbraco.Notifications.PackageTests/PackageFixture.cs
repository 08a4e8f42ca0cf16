using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace Studenka.Umbraco.Notifications.PackageTests;

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "packed package";
}

/// <summary>
/// `dotnet pack` of the package, once per test run, into a temporary folder that serves as a NuGet
/// feed; the throwaway site that installs it from there is started on first use.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string PackageId = "Studenka.Umbraco.Notifications";

    private readonly Lazy<Task<ThrowawaySite>> _site;

    public PackageFixture()
    {
        _site = new(() => ThrowawaySite.StartAsync(this));
    }

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "studenka-package-tests", Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; private set; } = "";

    public string NupkgPath => Path.Combine(Feed, $"{PackageId}.{Version}.nupkg");

    public string SnupkgPath => Path.Combine(Feed, $"{PackageId}.{Version}.snupkg");

    public XElement Nuspec { get; private set; } = new("none");

    public Task<ThrowawaySite> Site => _site.Value;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var project = Path.Combine(RepositoryRoot, PackageId, PackageId + ".csproj");
        // The package as the solution build left it (the configuration these tests were built in): what CI packs.
        await Dotnet.RunAsync(RepositoryRoot, TimeSpan.FromMinutes(4), "pack", project, "--no-build", "-c", Metadata("Configuration"), "-o", Feed);
        var nupkg = Directory.GetFiles(Feed, "*.nupkg").Single();
        using var archive = ZipFile.OpenRead(nupkg);
        await using var nuspec = archive.GetEntry(PackageId + ".nuspec")!.Open();
        Nuspec = XElement.Load(nuspec);
        Version = Nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value;
    }

    public async Task DisposeAsync()
    {
        if (_site.IsValueCreated)
        {
            try
            {
                (await _site.Value).Dispose();
            }
            catch (Exception)
            {
                // The site never started; its tests already reported why.
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up later.
        }
    }

    /// <summary>The nuspec's metadata element of this name (namespace-free).</summary>
    public XElement NuspecElement(string name) => Nuspec.Descendants().Single(e => e.Name.LocalName == name);

    public static byte[] Entry(string packagePath, string entry)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        var found = archive.GetEntry(entry) ?? throw new Xunit.Sdk.XunitException(
            $"{Path.GetFileName(packagePath)} has no {entry}; it has:\n{string.Join('\n', archive.Entries.Select(e => e.FullName))}");
        using var stream = found.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Metadata(string key) =>
        typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
