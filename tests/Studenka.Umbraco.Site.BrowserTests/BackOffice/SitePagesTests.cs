using Dapper;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 11's journey on the standalone Site: an editor writes an event with a reminder in "Obsah webu",
/// publishes it after the confirmation says how many get its SMS; the public /akce lists it; the SMS
/// reaches exactly the subscribers of its package in its city part; and when the Site's clock comes to
/// the reminder's time, Quartz fires it and the reminder reaches exactly the same people.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SitePagesTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string Title = "Rozsvícení vánočního stromu v Butovicích";
    private const string SmsText = "Zveme vás na rozsvícení vánočního stromu v Butovicích, sobota 12. 12. v 18:00 u hasičské zbrojnice. Město Studénka";

    /// <summary>Quartz looks for due triggers every second, so the reminder fires soon after the clock reaches it.</summary>
    protected override IDictionary<string, string?> SiteSettings => new Dictionary<string, string?>
    {
        ["Studenka:Reminders:IdleWaitTime"] = "00:00:01",
    };

    [Fact]
    public async Task An_editor_publishes_an_event_and_its_sms_and_reminder_reach_exactly_the_subscribers_of_its_package_and_part()
    {
        // The culture package (3) in Butovice, and "Vše" (5), which takes every package; the traps live
        // in another part, take another package, or both.
        var expected = new[]
        {
            await SignUpAsync(Site, "603 500 001", [("Butovice", "Nádražní")], 3),
            await SignUpAsync(Site, "603 500 002", [("Butovice", "Poštovní")], 5),
            await SignUpAsync(Site, "603 500 003", [("Nová Horka", null), ("Butovice", "Nádražní")], 2, 3),
        }.Order().ToList();
        await SignUpAsync(Site, "603 500 011", [("Studénka", "Nádražní")], 3);
        await SignUpAsync(Site, "603 500 012", [("Butovice", "Nádražní")], 2);
        await SignUpAsync(Site, "603 500 013", [("Nová Horka", null)], 1, 4);
        await Site.Factory.CreateOperatorAsync(OperatorRole.Editor, "redaktor", OperatorClient.TestPassword, "Eva Redaktorová");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "redaktor", OperatorClient.TestPassword);
        Assert.Equal(["SMS zprávy", "Obsah webu"], await SectionLabelsAsync(page));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Obsah webu" }).ClickAsync();
        await page.Locator("[data-testid=pages-new-event]").ClickAsync(new() { Timeout = 60_000 });

        // Saved empty: the server's Czech messages under their fields.
        await page.Locator("[data-testid=page-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=page-error-title]")).ToContainTextAsync("Vyplňte název");
        await Expect(page.Locator("[data-testid=page-error-eventStart]")).ToContainTextAsync("datum a čas začátku");

        await page.Locator("[data-testid=page-title] input").FillAsync(Title);
        await page.Locator("[data-testid=page-body] textarea").FillAsync("Přijďte s dětmi, bude punč a koledy.");
        await page.Locator("[data-testid=page-start-date] input").FillAsync("2026-12-12");
        await page.Locator("[data-testid=page-start-time] input").FillAsync("18:00");
        await page.Locator("[data-testid=page-place] input").FillAsync("u hasičské zbrojnice");
        await page.Locator("[data-testid=page-sms]").ClickAsync();
        var packages = await page.Locator("[data-testid=page-package] select option").AllInnerTextsAsync();
        Assert.DoesNotContain(packages, p => p.TrimStart().StartsWith("1 ", StringComparison.Ordinal)); // an editor sends no crisis SMS
        await page.Locator("[data-testid=page-package] select").SelectOptionAsync("3");
        await page.Locator($"[data-testid=area-part-{PartId(Site, "Butovice")}]").ClickAsync();
        await page.Locator("[data-testid=page-sms-text] textarea").FillAsync(SmsText);
        await Expect(page.Locator("[data-testid=page-sms-counter]")).ToContainTextAsync("UCS-2");
        await page.Locator("[data-testid=page-reminders-mode] uui-radio[value=custom]").ClickAsync();
        await page.Locator("[data-testid=page-reminders] input").FillAsync("1d@09:00");
        await page.Locator("[data-testid=page-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=page-state]")).ToHaveAttributeAsync("data-state", "draft");
        await Expect(page.Locator("[data-testid=content-sms-none]")).ToBeVisibleAsync();

        await page.Locator("[data-testid=page-publish]").ClickAsync();
        var confirm = page.Locator("[data-testid=page-confirm]");
        await Expect(confirm).ToBeVisibleAsync();
        await Expect(confirm.Locator("[data-testid=page-confirm-recipients]")).ToHaveTextAsync("3");
        await Artifacts.ScreenshotAsync(page, "site-pages-1-confirm");
        await confirm.Locator("[data-testid=page-confirm-publish]").ClickAsync();
        await Expect(page.Locator("[data-testid=page-state]")).ToHaveAttributeAsync("data-state", "published");

        // The page's SMS view below the editor: the announcement sent, the reminder waiting.
        await Expect(page.Locator("[data-testid=content-campaigns] > li").First).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 30_000 });
        var reminder = page.Locator("[data-testid=content-reminders] > li");
        await Expect(reminder).ToHaveCountAsync(1);
        await Expect(reminder).ToHaveAttributeAsync("data-state", "scheduled");
        await Expect(reminder).ToContainTextAsync("1d@09:00");
        await Artifacts.ScreenshotAsync(page, "site-pages-2-published");
        Assert.Equal(expected, Received("Zveme vás na rozsvícení%"));

        await page.SetViewportSizeAsync(375, 812);
        await Artifacts.ScreenshotAsync(page, "site-pages-3-editor-375");
        await AssertNoHorizontalScrollAsync(page, "site page editor");
        await page.Locator("[data-testid=page-back]").ClickAsync();
        await Expect(page.Locator("[data-testid=pages-list] > li")).ToHaveAttributeAsync("data-state", "published");
        await AssertNoHorizontalScrollAsync(page, "site pages");
        watch.AssertClean();

        var visitor = await Context.NewPageAsync();
        await visitor.GotoAsync("/akce");
        await Expect(visitor.Locator("li.site-page-item").Filter(new() { HasText = Title })).ToContainTextAsync("u hasičské zbrojnice");
        await visitor.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();

        // Friday 11 December, 9:00 in Studénka: the day before at 9:00.
        Site.Factory.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 8, 0, 0, TimeSpan.Zero));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Received("Připomínáme:%").Count < expected.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(expected, Received("Připomínáme:%"));
        var sandbox = new SandboxInbox(visitor, Site);
        await Expect(await sandbox.NewestAsync(expected[0], new System.Text.RegularExpressions.Regex("^Připomínáme: " + Title))).ToContainTextAsync("18:00");
    }

    /// <summary>Who got an SMS whose text is like <paramref name="pattern"/> (the residents' phones, sorted).</summary>
    private List<string> Received(string pattern)
    {
        using var db = Site.Factory.OpenDatabase();
        return [.. db.Query<string>("SELECT recipient FROM sandbox_sms WHERE body LIKE @pattern ORDER BY recipient", new { pattern })];
    }
}
