using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>The whole life of a subscription, clicked through in a real browser against the real Site.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResidentJourneyTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string Phone = "+420603123456";

    [Fact]
    public async Task A_resident_signs_up_confirms_with_the_sandbox_code_and_cancels_through_manage()
    {
        var page = await Context.NewPageAsync();
        var inbox = new SandboxInbox(await Context.NewPageAsync(), Site);

        await FillSignUpFormAsync(page);
        await Artifacts.ScreenshotAsync(page, "01-form-filled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ověření telefonního čísla", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Poslali jsme ho na číslo +420 603 123 456")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "02-verification");

        var signUpCode = await inbox.ReadCodeAsync(Phone, SandboxInbox.SignUpCode());
        await Artifacts.ScreenshotAsync(inbox.Page, "03-sandbox-signup-code");

        await page.GetByLabel("Kód z SMS").FillAsync(signUpCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hotovo, odběr je aktivní", Level = 1 })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "04-activated");

        // Later that day she changes her mind. The fake clock only moves when told; the manage
        // session the confirmation opened has ended by then (30 minutes), so she asks for a code.
        Site.Factory.Time.Advance(TimeSpan.FromMinutes(45));
        await SignInToManageAsync(page, inbox);
        await ExpectSubscriptionAsStoredAsync(page);
        await Artifacts.ScreenshotAsync(page, "07-manage-edit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Zrušit odběr a smazat údaje" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zrušit odběr", Level = 1 })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "08-cancel-confirm");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ano, zrušit odběr a smazat údaje" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Odběr je zrušen", Level = 1 })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "09-cancelled");

        await inbox.NewestAsync(Phone, SandboxInbox.Cancelled());
        await Artifacts.ScreenshotAsync(inbox.Page, "10-sandbox-cancellation");
        Assert.Equal(0L, CountSubscribers());
    }

    internal static async Task FillSignUpFormAsync(IPage page)
    {
        await page.GotoAsync("/sms");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 123 456");
        await page.GetByLabel("Jméno").FillAsync("Jana Nováková");

        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });
        await address.GetByLabel("Část obce").SelectOptionAsync(new SelectOptionValue { Label = "Butovice" });
        await address.GetByLabel("Ulice", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Malá strana" });
        await address.GetByLabel("Číslo domu").FillAsync("216");

        await page.GetByLabel("1. Krizové zprávy", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("4. Kultura, sport, společnost", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Souhlasím se zpracováním osobních údajů").CheckAsync();
    }

    private static async Task SignInToManageAsync(IPage page, SandboxInbox inbox)
    {
        await page.GotoAsync("/sms/sprava");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 123 456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Poslat kód" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kód pro správu odběru", Level = 1 })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "05-manage-code");

        var manageCode = await inbox.ReadCodeAsync(Phone, SandboxInbox.ManageCode());
        await Artifacts.ScreenshotAsync(inbox.Page, "06-sandbox-manage-code");

        await page.GetByLabel("Kód z SMS").FillAsync(manageCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Váš odběr SMS zpráv", Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task ExpectSubscriptionAsStoredAsync(IPage page)
    {
        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });
        await Expect(address.GetByLabel("Část obce").Locator("option:checked")).ToHaveTextAsync("Butovice");
        await Expect(address.GetByLabel("Ulice", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("Malá strana");
        await Expect(address.GetByLabel("Číslo domu")).ToHaveValueAsync("216");
        await Expect(page.GetByLabel("Jméno")).ToHaveValueAsync("Jana Nováková");
        await Expect(page.GetByLabel("1. Krizové zprávy", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("2. Provozní informace", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("4. Kultura, sport, společnost", new() { Exact = true })).ToBeCheckedAsync();
    }

    private long CountSubscribers()
    {
        using var connection = Site.Factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM subscribers";
        return (long)command.ExecuteScalar()!;
    }
}
