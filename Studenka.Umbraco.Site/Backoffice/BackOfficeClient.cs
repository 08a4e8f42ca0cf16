using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;

namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>What the npm build wrote: the versioned asset folder, the app module and the rewritten import map.</summary>
public sealed record BuiltClient(string Version, string Assets, string App, IReadOnlyDictionary<string, string> Imports);

/// <summary>
/// The backoffice client as served: the bundle's import map (<c>wwwroot/umbraco/backoffice/importmap.json</c>,
/// written by <c>Backoffice/Client/build.mjs</c>) and every package's <c>App_Plugins/*/umbraco-package.json</c>
/// from the web root (the Site's own files and the referenced packages' static web assets), read
/// as Umbraco reads them: two folder levels deep, on each request, so the manifests shown are the files served.
/// </summary>
public sealed class BackOfficeClient(IWebHostEnvironment environment, ILogger<BackOfficeClient> logger)
{
    private const string ImportMapFile = "umbraco/backoffice/importmap.json";
    private const string ManifestName = "umbraco-package.json";
    private readonly Lazy<BuiltClient?> _built = new(() => ReadBuilt(environment.WebRootFileProvider));

    /// <summary>Null when the client was not built (<c>-p:SkipClientBuild=true</c>).</summary>
    public BuiltClient? Built => _built.Value;

    /// <summary>Every package manifest, parsed; an unreadable file is logged and left out (as Umbraco does).</summary>
    public IReadOnlyList<JsonObject> PackageManifests()
    {
        var files = environment.WebRootFileProvider;
        var manifests = new List<JsonObject>();
        foreach (var package in Folders(files, "App_Plugins"))
        {
            var candidates = new[] { $"App_Plugins/{package}/{ManifestName}" }
                .Concat(Folders(files, $"App_Plugins/{package}").Select(sub => $"App_Plugins/{package}/{sub}/{ManifestName}"));
            foreach (var path in candidates)
            {
                var file = files.GetFileInfo(path);
                if (!file.Exists)
                {
                    continue;
                }

                try
                {
                    using var stream = file.CreateReadStream();
                    if (JsonNode.Parse(stream) is JsonObject manifest)
                    {
                        manifests.Add(manifest);
                    }
                }
                catch (JsonException e)
                {
                    logger.LogError(e, "The backoffice package manifest {Path} is not valid JSON; the package is left out.", path);
                }
            }
        }

        return manifests;
    }

    /// <summary>The backoffice's import map merged with every package's <c>importmap.imports</c> (a package cannot replace a backoffice entry).</summary>
    public IReadOnlyDictionary<string, string> ImportMap(BuiltClient built)
    {
        var imports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var manifest in PackageManifests())
        {
            if (manifest["importmap"]?["imports"] is JsonObject packageImports)
            {
                foreach (var (specifier, url) in packageImports)
                {
                    if (url?.GetValueKind() == JsonValueKind.String)
                    {
                        imports[specifier] = url.GetValue<string>();
                    }
                }
            }
        }

        foreach (var (specifier, url) in built.Imports)
        {
            imports[specifier] = url;
        }

        return imports;
    }

    private static IEnumerable<string> Folders(IFileProvider files, string path) =>
        files.GetDirectoryContents(path).Where(f => f.IsDirectory).Select(f => f.Name).Order(StringComparer.Ordinal);

    private static BuiltClient? ReadBuilt(IFileProvider files)
    {
        var file = files.GetFileInfo(ImportMapFile);
        if (!file.Exists)
        {
            return null;
        }

        using var stream = file.CreateReadStream();
        return JsonSerializer.Deserialize<BuiltClient>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{ImportMapFile} is empty; rebuild the Site (npm run build in Backoffice/Client).");
    }
}
