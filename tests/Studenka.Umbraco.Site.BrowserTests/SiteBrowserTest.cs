using Microsoft.Playwright;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// One Site on Kestrel per test (its own database and fake clock), and Czech Chromium contexts on it:
/// the start and end every browser test shares.
/// </summary>
public abstract class SiteBrowserTest(ChromiumFixture chromium) : IAsyncLifetime
{
    protected KestrelSite Site { get; private set; } = null!;

    /// <summary>The test's own browser context (JavaScript on); tests that need another make it with <see cref="NewContextAsync"/>.</summary>
    protected IBrowserContext Context { get; private set; } = null!;

    /// <summary>Configuration the test's Site starts with (null: the factory's defaults).</summary>
    protected virtual IDictionary<string, string?>? SiteSettings => null;

    public async Task InitializeAsync()
    {
        Site = KestrelSite.Start(SiteSettings);
        Context = await NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        if (Context is not null)
        {
            await Context.DisposeAsync();
        }

        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
    }

    /// <summary>A Czech browser context on the Site; the caller disposes it.</summary>
    protected Task<IBrowserContext> NewContextAsync(bool javaScript = true) => chromium.NewSiteContextAsync(Site, javaScript);
}
