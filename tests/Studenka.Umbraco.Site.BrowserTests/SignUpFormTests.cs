using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>The sign-up form itself: errors without JavaScript, and the street list with it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignUpFormTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task The_form_without_javascript_shows_czech_errors_next_to_the_fields()
    {
        await using var context = await NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sms");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/sms/prihlaska", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Formulář obsahuje chyby");
        var phone = page.GetByLabel("Mobilní telefon");
        await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
        // The message is tied to the field (aria-describedby), not merely somewhere on the page.
        await Expect(phone).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape("Zadejte telefonní číslo.")));
        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Zadejte telefonní číslo." })).ToHaveAttributeAsync("href", "#sms-phone");
        await Artifacts.ScreenshotAsync(page, "nojs-01-errors");
    }

    [Fact]
    public async Task Choosing_a_city_part_offers_only_its_streets_and_hides_the_street_where_there_are_none()
    {
        await using var context = await NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sms");
        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });
        var part = address.GetByLabel("Část obce");
        var street = address.GetByLabel("Ulice", new() { Exact = true });

        await part.SelectOptionAsync(new SelectOptionValue { Label = "Nová Horka" });
        await Expect(street).ToBeHiddenAsync();
        await Expect(street).ToBeDisabledAsync();
        await Artifacts.ScreenshotAsync(page, "streets-01-nova-horka");

        await part.SelectOptionAsync(new SelectOptionValue { Label = "Butovice" });
        await Expect(street).ToBeVisibleAsync();
        await Expect(street.Locator("optgroup[label='Butovice']")).ToBeEnabledAsync();
        await Expect(street.Locator("optgroup[label='Butovice']")).ToHaveJSPropertyAsync("hidden", false);
        await Expect(street.Locator("optgroup[label='Studénka']")).ToBeDisabledAsync();
        await Expect(street.Locator("optgroup[label='Studénka']")).ToHaveJSPropertyAsync("hidden", true);
        // Only Butovice's streets (plus the empty choice) can be picked.
        var butoviceStreets = await street.Locator("optgroup[label='Butovice'] option").CountAsync();
        Assert.True(butoviceStreets > 0, "Butovice should have streets in the seed");
        await Expect(street.Locator("option:enabled")).ToHaveCountAsync(butoviceStreets + 1);
        await Expect(street.Locator("optgroup:enabled")).ToHaveCountAsync(1);
        await street.SelectOptionAsync(new SelectOptionValue { Label = "Malá strana" });
        await Expect(street.Locator("option:checked")).ToHaveTextAsync("Malá strana");
        await Artifacts.ScreenshotAsync(page, "streets-02-butovice");
    }
}
