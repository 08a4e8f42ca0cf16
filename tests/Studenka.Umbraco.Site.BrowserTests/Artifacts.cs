using Microsoft.Playwright;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// Full-page screenshots of each step, kept for people to look at: in test-artifacts/browser/
/// under the repository root (ignored by git), or wherever STUDENKA_ARTIFACTS points.
/// </summary>
public static class Artifacts
{
    public static string Folder { get; } = FindFolder();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });

    private static string FindFolder()
    {
        var folder = Environment.GetEnvironmentVariable("STUDENKA_ARTIFACTS") is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(RepositoryRoot(), "test-artifacts", "browser");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Studenka.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Studenka.sln not found above {AppContext.BaseDirectory}; set STUDENKA_ARTIFACTS to choose where screenshots go.");
    }
}
