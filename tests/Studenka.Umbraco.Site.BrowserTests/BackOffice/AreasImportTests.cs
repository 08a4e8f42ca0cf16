using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 10, Areas, in the real backoffice the Site serves: an administrator uploads a RÚIAN file and
/// watches the import run to its counts, downloads the current file from ČÚZK (a local server that
/// holds its answer, so the running progress is seen) and sees parts and streets with their subscribers;
/// an Editor is not offered the view. Screenshots at 1280 and 375 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AreasImportTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private FakeCuzkServer _cuzk = null!;
    private KestrelSite _site = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _cuzk = await FakeCuzkServer.StartAsync();
        _site = KestrelSite.Start(new Dictionary<string, string?> { ["Studenka:Ruian:CuzkBaseUrl"] = _cuzk.BaseUrl });
        _context = await chromium.NewSiteContextAsync(_site, viewport: new() { Width = 1280, Height = 900 });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _site.DisposeAsync();
        await _cuzk.DisposeAsync();
    }

    [Fact]
    public async Task An_administrator_imports_a_RUIAN_file_and_watches_its_progress_to_the_counts()
    {
        await SignUpAsync(_site, "603 300 001", [("Butovice", "nám. Republiky")], 1);
        await _site.Factory.CreateOperatorAsync(OperatorRole.Administrator, "spravce", OperatorClient.TestPassword, "Jana Nováková");
        var page = await _context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "spravce", OperatorClient.TestPassword);

        await OpenViewAsync(page, "Oblasti");
        var butovice = page.Locator($"[data-testid=areas-part-{PartId(_site, "Butovice")}]");
        await Expect(butovice).ToHaveAttributeAsync("data-subscribers", "1");
        await Expect(page.Locator($"[data-testid=areas-street-{StreetId(_site, "Butovice", "nám. Republiky")}]")).ToHaveAttributeAsync("data-subscribers", "1");
        await Artifacts.ScreenshotAsync(page, "areas-1-before-import");

        await page.Locator("[data-testid=areas-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "20261031_OB_599921_ADR.csv",
            MimeType = "text/csv",
            Buffer = RuianCsvFile.Encode(RuianCsvFile.Studenka),
        });
        await page.Locator("[data-testid=areas-upload]").ClickAsync();
        var progress = page.Locator("[data-testid=areas-progress]");
        await Expect(progress).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Expect(progress.Locator("[data-testid=areas-phase]")).ToHaveTextAsync("Hotovo");
        await Expect(page.Locator("[data-testid=areas-count-retired]")).Not.ToHaveAttributeAsync("data-value", "0");
        await Expect(page.Locator("[data-testid=areas-count-unchanged]")).ToHaveAttributeAsync("data-value", "0");
        await Expect(page.Locator("[data-testid=areas-result]")).ToContainTextAsync("Přidané ulice");
        await Expect(progress).ToContainTextAsync("nám. Republiky (Butovice) → náměstí Republiky (Butovice): 1 adresa");
        // The register's street now holds the resident; the seed street is retired.
        await Expect(page.Locator($"[data-testid=areas-street-{StreetId(_site, "Butovice", "náměstí Republiky")}]")).ToHaveAttributeAsync("data-subscribers", "1");
        await Expect(page.Locator("[data-testid=areas-history] li")).ToHaveCountAsync(1);
        await Artifacts.ScreenshotAsync(page, "areas-2-upload-done");

        // The same file from ČÚZK: the local server holds its answer, so the running download is on screen.
        _cuzk.Files["20261031_OB_599921_ADR.csv.zip"] = FakeCuzkServer.StudenkaZip();
        _cuzk.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.Locator("[data-testid=areas-cuzk]").ClickAsync();
        await Expect(progress).ToHaveAttributeAsync("data-phase", "downloading", new() { Timeout = 30_000 });
        await Expect(progress).ToHaveAttributeAsync("data-state", "running");
        await Expect(page.Locator("[data-testid=areas-cuzk]")).ToHaveAttributeAsync("disabled", "");
        await Artifacts.ScreenshotAsync(page, "areas-3-cuzk-running");
        _cuzk.Hold.SetResult();
        await Expect(progress).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=areas-count-unchanged]")).ToHaveAttributeAsync("data-value", "14");
        await Expect(page.Locator("[data-testid=areas-count-added]")).ToHaveAttributeAsync("data-value", "0");
        await Artifacts.ScreenshotAsync(page, "areas-4-cuzk-done");

        await page.SetViewportSizeAsync(375, 812);
        await Expect(progress).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "areas-5-375");
        await AssertNoHorizontalScrollAsync(page, "areas");
        watch.AssertClean();
    }

    [Fact]
    public async Task An_editor_is_not_offered_the_areas_view()
    {
        await _site.Factory.CreateOperatorAsync(OperatorRole.Editor, "redaktor", OperatorClient.TestPassword, "Redaktor zpravodaje");
        var page = await _context.NewPageAsync();
        await SignInAsync(page, "redaktor", OperatorClient.TestPassword);

        await OpenViewAsync(page, "Nová zpráva");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Odeslané zprávy" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Oblasti" })).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "areas-6-editor-without-view");
    }
}
