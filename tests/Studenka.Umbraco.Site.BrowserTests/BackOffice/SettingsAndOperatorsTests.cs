using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 10's Settings and Operators views in the real backoffice the Site serves: an administrator
/// changes quiet hours and the compose preview follows at once; creates and disables an operator;
/// Editors and Dispatch see neither view and the API refuses them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsAndOperatorsTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task An_administrator_changes_quiet_hours_and_the_compose_preview_reflects_it_at_once()
    {
        await SignUpAsync(Site, "603 300 001", [("Butovice", "Nádražní")], 2);
        await Site.Factory.CreateOperatorAsync(OperatorRole.Administrator, "spravce", OperatorClient.TestPassword, "Jana Správcová");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "spravce", OperatorClient.TestPassword);

        // The test clock says 10:00 in Studénka: outside the default 21:00–07:00, so the preview goes now.
        await OpenViewAsync(page, "Nová zpráva");
        await ComposeOperationalMessageAsync(page, "Odstavka vody v ulici Nadrazni od 8 do 12 hodin. Mesto Studenka");
        await Expect(page.Locator("[data-testid=compose-quiet-hours]")).ToHaveCountAsync(0);

        await OpenViewAsync(page, "Nastavení");
        var quiet = page.Locator("[data-testid=settings-quiet-hours]");
        await Expect(page.Locator("[data-testid=settings-quiet-2-on] input")).ToBeCheckedAsync();
        await page.Locator("[data-testid=settings-quiet-2-start] input").FillAsync("09:00");
        await page.Locator("[data-testid=settings-quiet-2-end] input").FillAsync("12:00");
        await page.Locator("[data-testid=settings-quiet-save]").ClickAsync();
        await Expect(quiet).ToContainTextAsync("Jana Správcová");
        await Artifacts.ScreenshotAsync(page, "backoffice-settings-1280");

        await OpenViewAsync(page, "Nová zpráva");
        await ComposeOperationalMessageAsync(page, "Odstavka vody v ulici Nadrazni od 9 do 13 hodin. Mesto Studenka");
        await Expect(page.Locator("[data-testid=compose-quiet-hours]")).ToContainTextAsync("12:00");
        await Artifacts.ScreenshotAsync(page, "backoffice-settings-compose-quiet-hours");

        // A wrong time is refused with the server's Czech message beside the box.
        await OpenViewAsync(page, "Nastavení");
        await page.Locator("[data-testid=settings-price] input").FillAsync("-1");
        await page.Locator("[data-testid=settings-price-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=settings-error-pricePerSegmentCzk]")).ToContainTextAsync("od 0 do 100");

        await page.SetViewportSizeAsync(375, 812);
        await Expect(page.Locator("[data-testid=settings-privacy]")).ToBeAttachedAsync();
        await Artifacts.ScreenshotAsync(page, "backoffice-settings-375");
        await AssertNoHorizontalScrollAsync(page, "settings");
        watch.AssertClean();
    }

    [Fact]
    public async Task An_administrator_creates_and_disables_an_operator_in_the_operators_view()
    {
        await Site.Factory.CreateOperatorAsync(OperatorRole.Administrator, "spravce", OperatorClient.TestPassword, "Jana Správcová");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "spravce", OperatorClient.TestPassword);

        await OpenViewAsync(page, "Operátoři");
        await page.Locator("[data-testid=operators-new-userName] input").FillAsync("hlidka");
        await page.Locator("[data-testid=operators-new-displayName] input").FillAsync("Městská policie");
        await page.Locator("[data-testid=operators-new-role] select").SelectOptionAsync("Dispatch");
        await page.Locator("[data-testid=operators-new-password] input").FillAsync("Heslo-hlídky-2026");
        await page.Locator("[data-testid=operators-create]").ClickAsync();
        var hlidka = page.Locator("[data-testid=operator-hlidka]");
        await Expect(hlidka).ToContainTextAsync("Městská policie");
        await Expect(hlidka.Locator("[data-testid=operator-role-hlidka] select")).ToHaveValueAsync("Dispatch");
        await Artifacts.ScreenshotAsync(page, "backoffice-operators-1280");

        // The new operator signs in elsewhere; disabling them ends that session at once.
        await using var other = await NewContextAsync();
        var theirs = await other.NewPageAsync();
        await SignInAsync(theirs, "hlidka", "Heslo-hlídky-2026");
        Assert.Equal(200, await ApiStatusAsync(theirs, "areas"));

        await hlidka.Locator("[data-testid=operator-disable-hlidka]").ClickAsync();
        await Expect(hlidka).ToHaveAttributeAsync("data-disabled", "true");
        await Expect(hlidka.Locator("[data-testid=operator-state-hlidka]")).ToHaveTextAsync("Zakázán");
        Assert.Equal(401, await ApiStatusAsync(theirs, "areas"));

        // Nobody disables themselves: the server says why.
        await page.Locator("[data-testid=operator-disable-spravce]").ClickAsync();
        await Expect(page.Locator("[data-testid=operator-spravce]")).ToHaveAttributeAsync("data-disabled", "false");
        // Nor demotes themselves: the refused role does not stay in the select as if it had been taken.
        await page.Locator("[data-testid=operator-role-spravce] select").SelectOptionAsync("Editor");
        await Expect(page.Locator("uui-toast-notification").Filter(new() { HasText = "Svou vlastní roli změnit nemůžete" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=operator-role-spravce] select")).ToHaveValueAsync("Administrator");

        await page.SetViewportSizeAsync(375, 812);
        await Artifacts.ScreenshotAsync(page, "backoffice-operators-375");
        await AssertNoHorizontalScrollAsync(page, "operators");
        watch.AssertClean();
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Editors_and_dispatch_see_neither_settings_operators_nor_recurring_and_the_api_refuses_them(OperatorRole role)
    {
        await Site.Factory.CreateOperatorAsync(role, "operator", OperatorClient.TestPassword);
        var page = await Context.NewPageAsync();
        await SignInAsync(page, "operator", OperatorClient.TestPassword);
        await page.GotoAsync(SectionPath);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Nová zpráva" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Nastavení" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Operátoři" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Opakované" })).ToHaveCountAsync(0);
        await page.GotoAsync(SectionPath + "/view/settings");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Nová zpráva" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("studenka-sms-settings")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, $"backoffice-settings-hidden-{role.ToString().ToLowerInvariant()}");

        Assert.Equal(403, await ApiStatusAsync(page, "settings"));
        Assert.Equal(403, await ApiStatusAsync(page, "operators"));
        Assert.Equal(403, await ApiStatusAsync(page, "recurring"));
    }

    /// <summary>
    /// The backoffice's first load fetches ~2,700 modules, and a section view's first opening loads its
    /// element; on a loaded test machine either takes longer than Playwright's 30 s (a clean-clone CI run
    /// timed out waiting for the operators form), so navigations get 120 s and actions 60 s, as in DashboardTests.
    /// </summary>

    private async Task ComposeOperationalMessageAsync(IPage page, string text)
    {
        await page.Locator("[data-testid=compose-package] select").SelectOptionAsync("2");
        var butovice = page.Locator($"[data-testid=area-part-{PartId(Site, "Butovice")}]");
        if (!await butovice.Locator("input").IsCheckedAsync())
        {
            await butovice.ClickAsync();
        }

        await page.Locator("[data-testid=compose-text] textarea").FillAsync(text);
        await Expect(page.Locator("[data-testid=compose-preview]")).ToHaveAttributeAsync("data-fresh", "true");
        await Expect(page.Locator("[data-testid=compose-recipients]")).ToHaveTextAsync("1");
    }

    /// <summary>The status of a GET as the backoffice client sends it (bearer placeholder plus the HttpOnly token cookie).</summary>
    private static Task<int> ApiStatusAsync(IPage page, string path) =>
        page.EvaluateAsync<int>("""
            async (path) => (await fetch('/umbraco/sms/api/v1/' + path, {
                headers: { Authorization: 'Bearer [redacted]', Accept: 'application/json' }, credentials: 'include' })).status
            """, path);
}
