using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 11's recurring announcements in the real backoffice (the Site's clock: Friday 27 November 2026,
/// 10:00 in Studénka): an administrator sets up waste collection every other Tuesday for one street, sees
/// its next dates (the resting week left out), changes and deletes it; the SMS section's tabs still fit
/// at 1280 px. (Editors and Dispatch: SettingsAndOperatorsTests.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecurringAnnouncementsTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string Tab = "Opakované";

    [Fact]
    public async Task An_administrator_creates_an_every_other_week_announcement_sees_its_next_dates_and_deletes_it()
    {
        var street = StreetId(Site, "Studénka", "Poštovní");
        await Site.Factory.CreateOperatorAsync(OperatorRole.Administrator, "spravce", OperatorClient.TestPassword, "Jana Správcová");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "spravce", OperatorClient.TestPassword);

        await OpenViewAsync(page, Tab);
        // Every view of the section has its tab in the strip at 1280 px: none hides in the "more" menu.
        await Expect(page.Locator("umb-section-main-views uui-tab-group#views #more-button")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=recurring-empty]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=recurring-new]").ClickAsync();

        // Saved without a name: the server's Czech message beside the field, nothing stored.
        await page.Locator("[data-testid=recurring-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=recurring-error-name]")).ToContainTextAsync("Zadejte název");
        await Expect(page.Locator("[data-testid=recurring-error-text]")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(375, 812);
        await Artifacts.ScreenshotAsync(page, "backoffice-recurring-form-375");
        await AssertNoHorizontalScrollAsync(page, "recurring announcement form");
        await page.SetViewportSizeAsync(1280, 720);

        await page.Locator("[data-testid=recurring-name] input").FillAsync("Svoz odpadu – Poštovní");
        await Expect(page.Locator("[data-testid=recurring-day-TUE] input")).ToBeCheckedAsync();
        await page.Locator("[data-testid=recurring-time] input").FillAsync("07:00");
        await page.Locator("[data-testid=recurring-interval] input").FillAsync("2");
        await page.Locator("[data-testid=recurring-starts-on] input").FillAsync("2026-11-23");
        await page.Locator("[data-testid=recurring-package] select").SelectOptionAsync("2");
        await page.Locator("[data-testid=area-search] input").FillAsync("postovni");
        await page.Locator($"[data-testid=area-street-{street}]").ClickAsync();
        await page.Locator("[data-testid=recurring-text] textarea").FillAsync("Zítra ráno svoz komunálního odpadu. Připravte popelnice. Město Studénka");
        await Expect(page.Locator("[data-testid=recurring-counter]")).ToContainTextAsync("UCS-2");
        await page.Locator("[data-testid=recurring-save]").ClickAsync();

        // Tuesday 1 December rests (the second week from 23 November); 8 and 22 December and 5 January send.
        var item = page.Locator("[data-testid=recurring-list] > li");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("Svoz odpadu – Poštovní");
        await Expect(item).ToContainTextAsync("Poštovní (Studénka)");
        await Expect(item).ToContainTextAsync("každý 2. týden");
        var next = item.Locator("ol.next > li");
        await Expect(next).ToHaveCountAsync(3);
        var dates = (await next.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.at)")).Select(DateTimeOffset.Parse);
        var plus1 = TimeSpan.FromHours(1);
        Assert.Equal([new(2026, 12, 8, 7, 0, 0, plus1), new(2026, 12, 22, 7, 0, 0, plus1), new DateTimeOffset(2027, 1, 5, 7, 0, 0, plus1)], dates);
        await Expect(next.First).ToContainTextAsync("7:00");
        await Artifacts.ScreenshotAsync(page, "backoffice-recurring-1280");

        // The first Monday of the month at 16:00 instead: the form reads the stored schedule back.
        await item.Locator("[data-testid^=recurring-edit-]").ClickAsync();
        await Expect(page.Locator("[data-testid=recurring-interval] input")).ToHaveValueAsync("2");
        await page.Locator("[data-testid=recurring-kind] uui-radio[value=monthly]").ClickAsync();
        await page.Locator("[data-testid=recurring-time] input").FillAsync("16:00");
        await page.Locator("[data-testid=recurring-save]").ClickAsync();
        await Expect(item).ToContainTextAsync("1. pondělí v měsíci 16:00");
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 16, 0, 0, plus1), DateTimeOffset.Parse((await next.First.GetAttributeAsync("data-at"))!));

        await page.SetViewportSizeAsync(375, 812);
        await Artifacts.ScreenshotAsync(page, "backoffice-recurring-list-375");
        await AssertNoHorizontalScrollAsync(page, "recurring announcements");
        await page.SetViewportSizeAsync(1280, 720);

        await item.Locator("[data-testid^=recurring-delete-]").ClickAsync();
        await Expect(item).ToContainTextAsync("Smazat tuto opakovanou zprávu?");
        await item.Locator("[data-testid^=recurring-delete-confirm-]").ClickAsync();
        await Expect(page.Locator("[data-testid=recurring-empty]")).ToBeVisibleAsync();
        watch.AssertClean();
    }
}
