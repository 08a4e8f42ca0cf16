using Dapper;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>"Moje ulice v seznamu chybí" with and without JavaScript (issue 7).</summary>
[Collection(BrowserCollection.Name)]
public sealed class MissingStreetTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task With_javascript_ticking_the_box_swaps_the_street_list_for_a_text_field_and_the_typed_street_is_stored()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sms");
        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });
        var street = address.GetByLabel("Ulice", new() { Exact = true });
        var missing = address.GetByLabel("Moje ulice v seznamu chybí");
        var typed = address.GetByLabel("Název ulice, která v seznamu chybí");

        await address.GetByLabel("Část obce").SelectOptionAsync(new SelectOptionValue { Label = "Studénka" });
        await Expect(typed).ToBeHiddenAsync();
        await missing.CheckAsync();
        await Expect(street).ToBeHiddenAsync();
        await Expect(typed).ToBeFocusedAsync();
        await typed.FillAsync("U Rybníka");
        await Artifacts.ScreenshotAsync(page, "missing-street-01-typed");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 555 111");
        await page.GetByLabel("1. Krizové zprávy").CheckAsync();
        await page.GetByLabel("Souhlasím").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();

        await ConfirmAsync(context, page, "+420603555111");
        using var db = Site.Factory.OpenDatabase();
        Assert.Equal(("U Rybníka", (long?)null), db.QuerySingle<(string, long?)>("SELECT street_text, street_id FROM subscriber_addresses"));
    }

    [Fact]
    public async Task Unticking_the_box_brings_the_street_list_back_and_nova_horka_offers_neither()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sms");
        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });
        var street = address.GetByLabel("Ulice", new() { Exact = true });
        var missing = address.GetByLabel("Moje ulice v seznamu chybí");

        await address.GetByLabel("Část obce").SelectOptionAsync(new SelectOptionValue { Label = "Butovice" });
        await missing.CheckAsync();
        await missing.UncheckAsync();
        await Expect(street).ToBeVisibleAsync();
        await Expect(street).ToBeEnabledAsync();
        await address.GetByLabel("Část obce").SelectOptionAsync(new SelectOptionValue { Label = "Nová Horka" });
        await Expect(missing).ToBeHiddenAsync();
        await Expect(street).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Without_javascript_the_box_and_the_text_field_are_both_there_and_the_typed_street_is_accepted()
    {
        await using var context = await NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sms");
        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });

        await address.GetByLabel("Část obce").SelectOptionAsync(new SelectOptionValue { Label = "Studénka" });
        await address.GetByLabel("Moje ulice v seznamu chybí").CheckAsync();
        await address.GetByLabel("Název ulice, která v seznamu chybí").FillAsync("K Nádraží");
        await address.GetByLabel("Číslo domu").FillAsync("č.p. 12");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 555 112");
        await page.GetByLabel("1. Krizové zprávy").CheckAsync();
        await page.GetByLabel("Souhlasím").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();

        await ConfirmAsync(context, page, "+420603555112");
        using var db = Site.Factory.OpenDatabase();
        Assert.Equal(("K Nádraží", "č. p. 12"), db.QuerySingle<(string, string)>("SELECT street_text, house_number FROM subscriber_addresses"));
    }

    /// <summary>The resident reads the code in the sandbox and confirms: only a confirmed sign-up stores its addresses.</summary>
    private async Task ConfirmAsync(IBrowserContext context, IPage page, string e164)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ověření telefonního čísla", Level = 1 })).ToBeVisibleAsync();
        var code = await new SandboxInbox(await context.NewPageAsync(), Site).ReadCodeAsync(e164, SandboxInbox.SignUpCode());
        await page.GetByLabel("Kód z SMS").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hotovo, odběr je aktivní", Level = 1 })).ToBeVisibleAsync();
    }
}
