using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// axe-core over every page a resident can meet, in the states they meet it (empty, with errors,
/// throttled, done), at 1280 px and 375 px: no serious or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Phone = "+420603123456";
    private readonly List<KestrelSite> _sites = [];
    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        foreach (var site in _sites)
        {
            await site.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_resident_page_of_the_town_site_passes_axe_at_desktop_and_phone_width()
    {
        var (site, context) = await StartAsync();
        var page = await context.NewPageAsync();
        var inbox = new SandboxInbox(await context.NewPageAsync(), site);
        var axe = new AxeScan(page, "site");

        await page.GotoAsync("/");
        await axe.ScanAsync("home");
        await page.GotoAsync("/sms");
        await axe.ScanAsync("signup");
        await page.GotoAsync("/sms/prihlaska");
        await axe.ScanAsync("signup-standalone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Formulář obsahuje chyby");
        await axe.ScanAsync("signup-errors");

        await ResidentJourneyTests.FillSignUpFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ověření telefonního čísla", Level = 1 })).ToBeVisibleAsync();
        var codePage = page.Url;
        await axe.ScanAsync("code");
        await page.GetByLabel("Kód z SMS").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kód nebyl přijat");
        await axe.ScanAsync("code-error");

        // A new code within the 60 s cooldown: today the 429 page (scanned whatever it becomes).
        var throttled = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Poslat nový kód" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await axe.ScanAsync(throttled.Status == 429 ? "too-many-requests" : "resend-too-soon");

        await page.GotoAsync(codePage);
        await page.GetByLabel("Kód z SMS").FillAsync(await inbox.ReadCodeAsync(Phone, SandboxInbox.SignUpCode()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hotovo, odběr je aktivní", Level = 1 })).ToBeVisibleAsync();
        await axe.ScanAsync("activated");

        await page.GotoAsync("/sms/ochrana-udaju");
        await axe.ScanAsync("privacy");

        site.Factory.Time.Advance(TimeSpan.FromMinutes(45)); // past the manage session the confirmed sign-up opened
        await page.GotoAsync("/sms/sprava");
        await axe.ScanAsync("manage-start");
        await page.GetByLabel("Mobilní telefon").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Poslat kód" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await axe.ScanAsync("manage-start-error");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 123 456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Poslat kód" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kód pro správu odběru", Level = 1 })).ToBeVisibleAsync();
        await axe.ScanAsync("manage-code");
        await page.GetByLabel("Kód z SMS").FillAsync(await inbox.ReadCodeAsync(Phone, SandboxInbox.ManageCode()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Váš odběr SMS zpráv", Level = 1 })).ToBeVisibleAsync();
        await axe.ScanAsync("manage-edit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Stáhnout moje údaje" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Moje údaje", Level = 1 })).ToBeVisibleAsync();
        await axe.ScanAsync("data");

        await page.GotoAsync("/sms/sprava/zrusit");
        await axe.ScanAsync("cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ano, zrušit odběr a smazat údaje" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Odběr je zrušen", Level = 1 })).ToBeVisibleAsync();
        await axe.ScanAsync("cancelled");

        await page.GotoAsync("/sms/sprava/odber");
        await axe.ScanAsync("session-expired");
        await page.GotoAsync("/sms/overeni?t=neplatny");
        await axe.ScanAsync("bad-link");
        await page.GotoAsync("/sms/tahle-stranka-neni");
        await axe.ScanAsync("not-found");

        axe.AssertNoSeriousViolations();
    }

    [Fact]
    public async Task The_package_layout_for_hosts_without_their_own_passes_axe_too()
    {
        var (_, context) = await StartAsync(new Dictionary<string, string?> { ["Studenka:Web:Layout"] = "_StudenkaSmsLayout" });
        var page = await context.NewPageAsync();
        var axe = new AxeScan(page, "package-layout");

        await page.GotoAsync("/sms/prihlaska");
        await axe.ScanAsync("pkg-signup");
        await page.GotoAsync("/sms/sprava");
        await axe.ScanAsync("pkg-manage-start");
        await page.GotoAsync("/sms/ochrana-udaju");
        await axe.ScanAsync("pkg-privacy");
        await page.GotoAsync("/sms/overeni?t=neplatny");
        await axe.ScanAsync("pkg-bad-link");

        axe.AssertNoSeriousViolations();
    }

    private async Task<(KestrelSite Site, IBrowserContext Context)> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var site = KestrelSite.Start(settings);
        _sites.Add(site);
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl.ToString(), Locale = "cs-CZ" });
        _contexts.Add(context);
        return (site, context);
    }
}
