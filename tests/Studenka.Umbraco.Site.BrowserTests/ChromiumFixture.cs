using Microsoft.Playwright;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// One headless Debian chromium for the whole browser collection. Playwright's bundled driver is
/// used, but not its downloaded browsers: the system chromium is the one we have offline.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The first request compiles Razor views; the default 5 s is tight on a cold, busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = Environment.GetEnvironmentVariable("STUDENKA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A Czech browser context on <paramref name="site"/>; the caller disposes it. Its timeouts are the
    /// browser tests' one setting: the backoffice's first load is several megabytes of scripts, and on a
    /// busy test machine it and the first actions after it take well over Playwright's 30 s.
    /// </summary>
    public async Task<IBrowserContext> NewSiteContextAsync(KestrelSite site, bool javaScript = true, ViewportSize? viewport = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = site.BaseUrl.ToString(), Locale = "cs-CZ", JavaScriptEnabled = javaScript };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }

        var context = await Browser.NewContextAsync(options);
        context.SetDefaultNavigationTimeout(120_000);
        context.SetDefaultTimeout(60_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Browser tests share one chromium and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser";
}
