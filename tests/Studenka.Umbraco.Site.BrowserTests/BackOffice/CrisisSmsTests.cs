using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 8's journey in the real backoffice the Site serves: operators sign in on the Czech login
/// page and work in the SMS section only; a Dispatch operator sends a flood warning to two streets
/// of two city parts and exactly the residents living there receive it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrisisSmsTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string FloodText = "POVODEŇ: hladina Odry stoupá, v ulicích Nádražní a Požárnická hrozí zaplavení. Přesuňte auta a cennosti výš. Město Studénka";

    [Fact]
    public async Task Dispatch_sends_a_flood_warning_to_two_streets_and_only_their_residents_receive_it()
    {
        var nadrazniButovice = await SignUpAsync(Site, "603 200 001", [("Butovice", "Nádražní")], 1);
        var pozarnicka = await SignUpAsync(Site, "603 200 002", [("Studénka", "Požárnická")], 1, 2);
        var twoAddresses = await SignUpAsync(Site, "603 200 006", [("Nová Horka", null), ("Butovice", "Nádražní")], 1);
        // Elsewhere: the same street name in the other city part, another street, a part without streets, another package.
        var elsewhere = new[]
        {
            await SignUpAsync(Site, "603 200 003", [("Studénka", "Nádražní")], 1),
            await SignUpAsync(Site, "603 200 004", [("Butovice", "Poštovní")], 1),
            await SignUpAsync(Site, "603 200 005", [("Nová Horka", null)], 1),
            await SignUpAsync(Site, "603 200 007", [("Butovice", "Nádražní")], 4),
        };
        await Site.Factory.CreateOperatorAsync(OperatorRole.Dispatch, "dispecink", OperatorClient.TestPassword, "Dispečink Studénka");
        // The town police send under their own name (Settings → senders per role).
        await Site.Factory.Services.GetRequiredService<RuntimeSettings>().SetAsync(
            SettingNames.Originators, new RoleOriginators(null, null, ["MP Studenka"]), new OperatorIdentity("test", "Test"), CancellationToken.None);

        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "dispecink", OperatorClient.TestPassword, screenshot: "backoffice-1-login");
        Assert.Equal(["SMS zprávy"], await SectionLabelsAsync(page));
        await Artifacts.ScreenshotAsync(page, "backoffice-2-signed-in");

        await OpenViewAsync(page, "Nová zpráva");
        await Expect(page.Locator("[data-testid=compose-role]")).ToHaveTextAsync("Role: Dispečink");
        await page.Locator("[data-testid=compose-template] select").SelectOptionAsync(new SelectOptionValue { Label = "Povodeň" });
        await Expect(page.Locator("[data-testid=compose-template] select")).ToHaveValueAsync("flood");
        await Expect(page.Locator("[data-testid=compose-package] select")).ToHaveValueAsync("1");
        await Expect(page.Locator("[data-testid=compose-text] textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^POVODEŇ"));
        await page.Locator("[data-testid=compose-text] textarea").FillAsync(FloodText);
        await page.Locator($"[data-testid=area-street-{StreetId(Site, "Butovice", "Nádražní")}]").ClickAsync();
        await page.Locator($"[data-testid=area-street-{StreetId(Site, "Studénka", "Požárnická")}]").ClickAsync();
        await Expect(page.Locator("[data-testid=compose-preview]")).ToHaveAttributeAsync("data-fresh", "true");
        await Expect(page.Locator("[data-testid=compose-recipients]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=compose-cost]")).ToContainTextAsync("Kč");
        await page.Locator("[data-testid=compose-sender] select").SelectOptionAsync(new SelectOptionValue { Label = "MP Studenka" });
        await Expect(page.Locator("[data-testid=compose-preview]")).ToHaveAttributeAsync("data-fresh", "true");
        await Artifacts.ScreenshotAsync(page, "backoffice-3-compose");

        await page.Locator("[data-testid=compose-send]").ClickAsync();
        var dialog = page.Locator("[data-testid=confirm-dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=confirm-recipients]")).ToHaveTextAsync("3");
        await Expect(dialog.Locator("[data-testid=confirm-sender]")).ToHaveTextAsync("MP Studenka");
        await Expect(dialog.Locator("[data-testid=confirm-summary]")).ToContainTextAsync("Nádražní (Butovice)");
        await Expect(dialog.Locator("[data-testid=confirm-summary]")).ToContainTextAsync("Požárnická (Studénka)");
        await Artifacts.ScreenshotAsync(page, "backoffice-4-confirm");
        await dialog.Locator("[data-testid=confirm-send]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await OpenViewAsync(page, "Odeslané zprávy");
        var campaign = page.Locator("[data-testid=campaigns-list] li").First;
        await Expect(campaign).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 30_000 });
        await Expect(campaign.Locator("[data-testid=progress-sent]")).ToHaveAttributeAsync("data-value", "3");
        await Artifacts.ScreenshotAsync(page, "backoffice-5-campaigns-sent");
        await campaign.Locator("[data-testid^=campaign-open-]").ClickAsync();
        await Expect(page.Locator("[data-testid=detail-recipients] li")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=detail-recipients]")).ToContainTextAsync("***");
        await Artifacts.ScreenshotAsync(page, "backoffice-5b-campaign-detail");
        await page.Locator("[data-testid=detail-back]").ClickAsync();

        using (var db = Site.Factory.OpenDatabase())
        {
            var received = db.Query<(string Recipient, string Originator)>("SELECT recipient, originator FROM sandbox_sms WHERE body LIKE 'POVODE%' ORDER BY recipient").ToList();
            Assert.Equal(new[] { nadrazniButovice, pozarnicka, twoAddresses }.Order(), received.Select(r => r.Recipient));
            Assert.DoesNotContain(received, r => elsewhere.Contains(r.Recipient));
            Assert.All(received, r => Assert.Equal("MP Studenka", r.Originator));
        }

        var sandbox = await Context.NewPageAsync();
        await sandbox.GotoAsync("/sms/sandbox");
        await Expect(sandbox.Locator("td.sms-body").Filter(new() { HasText = "POVODEŇ" })).ToHaveCountAsync(3);
        await Artifacts.ScreenshotAsync(sandbox, "backoffice-6-sandbox");

        await page.SetViewportSizeAsync(375, 812);
        await OpenViewAsync(page, "Nová zpráva");
        await page.Locator("[data-testid=compose-template] select").SelectOptionAsync(new SelectOptionValue { Label = "Povodeň" });
        await Expect(page.Locator("[data-testid=compose-template] select")).ToHaveValueAsync("flood");
        var street = page.Locator($"[data-testid=area-street-{StreetId(Site, "Butovice", "Nádražní")}]");
        await street.ClickAsync();
        await Expect(street.Locator("input")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=compose-preview]")).ToHaveAttributeAsync("data-fresh", "true");
        await Artifacts.ScreenshotAsync(page, "backoffice-7-compose-375");
        await AssertNoHorizontalScrollAsync(page, "compose");
        await OpenViewAsync(page, "Odeslané zprávy");
        await Expect(page.Locator("[data-testid=campaigns-list] li").First).ToHaveAttributeAsync("data-state", "sent");
        await Artifacts.ScreenshotAsync(page, "backoffice-8-campaigns-375");
        await AssertNoHorizontalScrollAsync(page, "campaigns");

        // A colleague drafts another warning: the open list shows it without "Obnovit".
        var drafted = await Site.Factory.Services.GetRequiredService<CampaignService>()
            .CreateAsync(new CampaignDraft(1, null, null, "Cvičný poplach sirén."), OperatorIdentity.System, CancellationToken.None);
        Assert.NotNull(drafted.Campaign);
        await Expect(page.Locator("[data-testid=campaigns-list] li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        watch.AssertClean();
    }

    [Fact]
    public async Task An_editor_is_not_offered_the_crisis_package_and_sees_counts_without_recipients()
    {
        await SignUpAsync(Site, "603 200 011", [("Butovice", "Nádražní")], 3);
        await Site.Factory.CreateOperatorAsync(OperatorRole.Editor, "redaktor", OperatorClient.TestPassword, "Redaktor zpravodaje");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "redaktor", OperatorClient.TestPassword);
        Assert.Equal(["SMS zprávy", "Obsah webu"], await SectionLabelsAsync(page)); // editors also write the Site's pages

        await OpenViewAsync(page, "Nová zpráva");
        await Expect(page.Locator("[data-testid=compose-role]")).ToHaveTextAsync("Role: Redaktor");
        var options = page.Locator("[data-testid=compose-package] select option");
        await Expect(options.First).ToBeAttachedAsync();
        var packages = await options.AllInnerTextsAsync();
        Assert.DoesNotContain(packages, p => p.TrimStart().StartsWith("1 ", StringComparison.Ordinal));
        var templates = page.Locator("[data-testid=compose-template] select option");
        if (await templates.CountAsync() > 0)
        {
            Assert.DoesNotContain("Povodeň", await templates.AllInnerTextsAsync());
        }

        await Artifacts.ScreenshotAsync(page, "backoffice-9-editor-compose");

        // A culture newsletter to the whole of Butovice: the editor follows it by the counts only.
        await page.Locator("[data-testid=compose-package] select").SelectOptionAsync("3");
        await page.Locator($"[data-testid=area-part-{PartId(Site, "Butovice")}]").ClickAsync();
        await page.Locator("[data-testid=compose-text] textarea").FillAsync("Zveme vas na vanocni koncert v sobotu v 17 hodin. Mesto Studenka");
        await Expect(page.Locator("[data-testid=compose-recipients]")).ToHaveTextAsync("1");
        await page.Locator("[data-testid=compose-send]").ClickAsync();
        await page.Locator("[data-testid=confirm-send]").ClickAsync();
        await OpenViewAsync(page, "Odeslané zprávy");
        var campaign = page.Locator("[data-testid=campaigns-list] li").First;
        await Expect(campaign).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 30_000 });
        await campaign.Locator("[data-testid^=campaign-open-]").ClickAsync();
        await Expect(page.Locator("[data-testid=detail] [data-testid=progress-sent]")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("[data-testid=detail-recipients]")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "backoffice-10-editor-detail-counts");
        watch.AssertClean();
    }

    [Fact]
    public async Task A_half_written_crisis_message_is_still_there_after_a_look_at_the_sent_messages()
    {
        await SignUpAsync(Site, "603 200 021", [("Butovice", "Nádražní")], 1);
        await Site.Factory.CreateOperatorAsync(OperatorRole.Dispatch, "dispecink", OperatorClient.TestPassword, "Dispečink Studénka");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "dispecink", OperatorClient.TestPassword);

        // The section opens on compose (its default route): the dispatcher starts there, then clicks the tab.
        await page.Locator("[data-testid=compose-template] select").SelectOptionAsync(new SelectOptionValue { Label = "Povodeň" });
        await page.Locator($"[data-testid=area-street-{StreetId(Site, "Butovice", "Nádražní")}]").ClickAsync();
        await OpenViewAsync(page, "Nová zpráva");
        await Expect(page.Locator("[data-testid=compose-text] textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^POVODEŇ"));
        await page.Locator("[data-testid=compose-text] textarea").FillAsync("POVODEŇ: Nádražní, přesuňte auta výš.");

        await OpenViewAsync(page, "Odeslané zprávy");
        await OpenViewAsync(page, "Nová zpráva");
        await Expect(page.Locator("[data-testid=compose-template] select")).ToHaveValueAsync("flood");
        await Expect(page.Locator("[data-testid=compose-package] select")).ToHaveValueAsync("1");
        await Expect(page.Locator("[data-testid=compose-text] textarea")).ToHaveValueAsync("POVODEŇ: Nádražní, přesuňte auta výš.");
        await Expect(page.Locator("[data-testid=compose-preview]")).ToHaveAttributeAsync("data-fresh", "true");
        await Expect(page.Locator("[data-testid=compose-recipients]")).ToHaveTextAsync("1");
        watch.AssertClean();
    }
}
