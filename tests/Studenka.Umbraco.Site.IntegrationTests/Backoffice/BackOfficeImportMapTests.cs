using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Studenka.Umbraco.Site.Backoffice;

namespace Studenka.Umbraco.Site.IntegrationTests.Backoffice;

/// <summary>How the boot page's import map is made from the bundle and the packages' manifests, over real files.</summary>
public sealed class BackOfficeImportMapTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("studenka-webroot").FullName;

    [Fact]
    public void Packages_add_their_imports_but_cannot_replace_the_backoffice_and_a_broken_manifest_is_left_out()
    {
        Write("umbraco/backoffice/importmap.json", """
            { "version": "17.1.0", "assets": "/umbraco/backoffice/17.1.0-abc", "app": "/umbraco/backoffice/17.1.0-abc/apps/app/app.element.js",
              "imports": { "@umbraco-cms/backoffice/external/lit": "/umbraco/backoffice/17.1.0-abc/external/lit/index.js" } }
            """);
        Write("App_Plugins/Town/umbraco-package.json", """
            { "name": "Town", "extensions": [], "importmap": { "imports": {
                "@town/sms": "/App_Plugins/Town/sms.js", "@umbraco-cms/backoffice/external/lit": "/App_Plugins/Town/my-lit.js" } } }
            """);
        Write("App_Plugins/Vendor/Nested/umbraco-package.json", """{ "name": "Nested", "extensions": [], "importmap": { "imports": { "@nested/x": "/App_Plugins/Vendor/Nested/x.js" } } }""");
        Write("App_Plugins/Broken/umbraco-package.json", "{ not json");
        var client = new BackOfficeClient(new WebRoot(_root), NullLogger<BackOfficeClient>.Instance);

        var imports = client.ImportMap(client.Built!);

        Assert.Equal("/App_Plugins/Town/sms.js", imports["@town/sms"]);
        Assert.Equal("/App_Plugins/Vendor/Nested/x.js", imports["@nested/x"]);
        Assert.Equal("/umbraco/backoffice/17.1.0-abc/external/lit/index.js", imports["@umbraco-cms/backoffice/external/lit"]);
        Assert.Equal(["Nested", "Town"], client.PackageManifests().Select(m => m["name"]!.GetValue<string>()).Order());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var file = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    private sealed class WebRoot(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new PhysicalFileProvider(root);
        public string ApplicationName { get; set; } = "Test";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Test";
    }
}
