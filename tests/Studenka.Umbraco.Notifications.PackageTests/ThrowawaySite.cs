using System.Diagnostics;
using System.Text;

namespace Studenka.Umbraco.Notifications.PackageTests;

/// <summary>
/// A town's web project that installs the package by version from the test's feed (no project
/// reference), published and started on Kestrel at 127.0.0.1 on a free port. Only Umbraco.Cms.Core is
/// on the feed, so it is a plain ASP.NET Core site that does what Umbraco's AddUmbraco() does for
/// packages: Core's TypeLoader finds every IComposer in the assemblies that reference Umbraco and
/// UmbracoBuilder.AddComposers() runs them. Nothing in it names the package's types; its one page stands
/// for a town template that places the form with the ViewComponent.
/// </summary>
public sealed class ThrowawaySite : IDisposable
{
    private const string ProjectName = "TownSite";
    private const string Listening = "Now listening on: ";

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ThrowawaySite(Process process, StringBuilder log, string contentRoot, Uri address)
    {
        _process = process;
        _log = log;
        ContentRoot = contentRoot;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public string ContentRoot { get; }

    public static async Task<ThrowawaySite> StartAsync(PackageFixture package)
    {
        var directory = Path.Combine(package.Root, "site");
        Directory.CreateDirectory(directory);
        WriteProject(directory, package);
        var output = Path.Combine(directory, "out");
        await Dotnet.RunAsync(directory, TimeSpan.FromMinutes(5), "publish", ProjectName + ".csproj", "-c", "Release", "-o", output);

        var start = Dotnet.NewStartInfo(output, [ProjectName + ".dll", "--urls", "http://127.0.0.1:0"]);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AllowedHosts"] = "127.0.0.1";
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Received(log, listening, e.Data);
        process.ErrorDataReceived += (_, e) => Received(log, listening, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"The throwaway site {(first == exited ? "exited" : "did not listen within 90 s")}:\n{Text(log)}");
        }

        return new ThrowawaySite(process, log, output, await listening.Task);
    }

    /// <summary>What the site wrote so far (for failure messages).</summary>
    public string Log => Text(_log);

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void WriteProject(string directory, PackageFixture package)
    {
        // The machine's NuGet folder serves every dependency offline (the solution build restored them);
        // the package under test itself must come from the feed, never from a copy left there. The site's
        // own packages folder lies beside the project: inside it, the SDK would glob it as content.
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var stale = Path.Combine(machinePackages, PackageFixture.PackageId.ToLowerInvariant(), package.Version);
        if (Directory.Exists(stale))
        {
            throw new InvalidOperationException($"{stale} exists: NuGet would install that copy instead of the one just packed. Delete it.");
        }

        // Nothing of the repository may leak in: the temp folder has its own (empty) MSBuild imports.
        File.WriteAllText(Path.Combine(package.Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(package.Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(package.Root, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="../packages" />
              </config>
              <packageSources>
                <clear />
                <add key="package-under-test" value="../feed" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="package-under-test">
                  <package pattern="{PackageFixture.PackageId}" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, ProjectName + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <!-- Offline: no vulnerability data download. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFixture.PackageId}" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Microsoft.Extensions.Logging.Abstractions;
            using Umbraco.Cms.Core.Composing;
            using Umbraco.Cms.Core.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            // As Umbraco's AddUmbraco(): discover the composers of every assembly that references Umbraco, run them.
            var typeLoader = new TypeLoader(
                new TypeFinder(NullLogger<TypeFinder>.Instance, new DefaultUmbracoAssemblyProvider(typeof(Program).Assembly, NullLoggerFactory.Instance), null),
                NullLogger<TypeLoader>.Instance);
            new UmbracoBuilder(builder.Services, builder.Configuration, typeLoader).AddComposers();

            var app = builder.Build();
            app.UseStaticFiles();
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapControllers();
            app.Run();

            /// <summary>Stands for the town's Umbraco template that renders a content page.</summary>
            public sealed class TownPageController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.HttpGet("/")]
                public Microsoft.AspNetCore.Mvc.IActionResult Index() => View("~/Views/TownPage.cshtml");
            }
            """);
        // The README's "ViewComponent in a template" way of placing the form, in the package's layout.
        Directory.CreateDirectory(Path.Combine(directory, "Views"));
        File.WriteAllText(Path.Combine(directory, "Views", "TownPage.cshtml"), """
            @{ Layout = "_StudenkaSmsLayout"; ViewData["Title"] = "Zprávy města do mobilu"; }
            <h1>Zprávy města do mobilu</h1>
            @await Component.InvokeAsync("studenkaSmsSubscriptionForm")
            """);
    }

    private static void Received(StringBuilder log, TaskCompletionSource<Uri> listening, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }

        var at = line.IndexOf(Listening, StringComparison.Ordinal);
        if (at >= 0)
        {
            listening.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim()));
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
