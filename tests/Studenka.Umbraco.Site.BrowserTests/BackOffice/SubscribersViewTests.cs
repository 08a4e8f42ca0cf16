using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 10's Subscribers view in the real backoffice the Site serves: an administrator maps a street
/// a resident typed because the list lacked it, finds the residents of that street and downloads the
/// CSV; editors and dispatch are not offered the view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SubscribersViewTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task An_administrator_maps_a_missing_street_finds_its_residents_and_downloads_the_csv()
    {
        await SignUpAsync(Site, "603 300 001", [("Butovice", "Matiční")], 2);
        await SignUpAsync(Site, "603 300 002", [("Butovice", "Malá strana")], 4);
        var typed = await SignUpTypedStreetAsync("603 300 003", "Butovice", "Za Humny");
        await Site.Factory.CreateOperatorAsync(OperatorRole.Administrator, "spravce", OperatorClient.TestPassword, "Správce webu");

        var page = await Context.NewPageAsync();
        // The first start of the backoffice compiles and loads a lot; on a busy machine it needs more than 30 s.
        await page.SetViewportSizeAsync(1280, 900);
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "spravce", OperatorClient.TestPassword);
        await OpenViewAsync(page, "Odběratelé");
        await Expect(page.Locator("[data-testid=subscribers-active]")).ToHaveAttributeAsync("data-value", "3");
        await Expect(page.Locator("[data-testid=subscribers-typed]")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("[data-testid=subscribers-by-street]")).ToContainTextAsync("Matiční (Butovice)");
        var entry = page.Locator("[data-testid=unlisted-0]");
        await Expect(entry).ToContainTextAsync("„Za Humny“ (Butovice)");
        await Artifacts.ScreenshotAsync(page, "subscribers-1-overview-1280");

        await entry.Locator("[data-testid=unlisted-target-0] select").SelectOptionAsync(new SelectOptionValue { Label = "Matiční (Butovice)" });
        await entry.Locator("[data-testid=unlisted-map-0]").ClickAsync();
        await Expect(page.Locator("[data-testid=subscribers-mapping-empty]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=subscribers-typed]")).ToHaveAttributeAsync("data-value", "0");
        Assert.Equal((StreetId(Site, "Butovice", "Matiční"), (string?)null), AddressOf(typed));

        await page.Locator("[data-testid=subscribers-search] input").FillAsync("maticni");
        await page.Locator("[data-testid=subscribers-search-go]").ClickAsync();
        await Expect(page.Locator("[data-testid=subscribers-total]")).ToHaveAttributeAsync("data-value", "2");
        await Expect(page.Locator("[data-testid=subscribers-list] [data-testid=subscriber-phone]")).ToHaveTextAsync(["+420603300003", "+420603300001"]);
        await Artifacts.ScreenshotAsync(page, "subscribers-2-mapped-and-found-1280");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=subscribers-export]").ClickAsync());
        Assert.Matches("^odberatele-\\d{4}-\\d{2}-\\d{2}\\.csv$", download.SuggestedFilename);
        var file = Path.Combine(Artifacts.Folder, "subscribers-export.csv");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Id;Telefon;Jméno;", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(";+420 603 300 003;Obyvatel;;aktivní;Provozní informace;Matiční, Butovice;", StringComparison.Ordinal));
        using (var db = Site.Factory.OpenDatabase())
        {
            Assert.Equal(["areas.map-unlisted-street", "subscribers.export"],
                db.Query<string>("SELECT action FROM audit_log WHERE action IN ('areas.map-unlisted-street', 'subscribers.export') ORDER BY id"));
        }

        await page.SetViewportSizeAsync(375, 812);
        await Expect(page.Locator("[data-testid=subscribers-list] li")).ToHaveCountAsync(2);
        await Artifacts.ScreenshotAsync(page, "subscribers-3-375");
        await AssertNoHorizontalScrollAsync(page, "subscribers");

        // A resident brings the signed paper form: the office records the written consent on the phone-sized screen.
        var form = page.Locator("[data-testid=subscribers-signup]");
        await form.Locator("[data-testid=signup-phone] input").FillAsync("603 300 004");
        await form.Locator("[data-testid=signup-part] select").SelectOptionAsync(new SelectOptionValue { Label = "Nová Horka" });
        // Up to three addresses, as on the public form: this resident also has a cottage in Butovice.
        await form.Locator("[data-testid=signup-add-address]").ClickAsync();
        await form.Locator("[data-testid=signup-part-1] select").SelectOptionAsync(new SelectOptionValue { Label = "Butovice" });
        await form.Locator("[data-testid=signup-street-1] select").SelectOptionAsync(new SelectOptionValue { Label = "Matiční" });
        await form.Locator("[data-testid=signup-package-1]").ClickAsync();
        await form.Locator("[data-testid=signup-written]").ClickAsync();
        await Expect(form.Locator("[data-testid=signup-error-consent]")).ToContainTextAsync("souhlasu");
        await form.Locator("[data-testid=signup-consent]").ClickAsync();
        await form.Locator("[data-testid=signup-written]").ClickAsync();
        await Expect(page.Locator("[data-testid=subscribers-active]")).ToHaveAttributeAsync("data-value", "4");
        await form.ScrollIntoViewIfNeededAsync();
        await Artifacts.ScreenshotAsync(page, "subscribers-4-signup-375");
        await AssertNoHorizontalScrollAsync(page, "subscribers sign-up");
        using (var db = Site.Factory.OpenDatabase())
        {
            Assert.StartsWith("Správce webu (", db.ExecuteScalar<string>("SELECT written_consent_by FROM subscribers WHERE phone = '+420603300004'"), StringComparison.Ordinal);
            Assert.Equal([(PartId(Site, "Nová Horka"), (long?)null), (PartId(Site, "Butovice"), StreetId(Site, "Butovice", "Matiční"))], db.Query<(long, long?)>(
                "SELECT a.city_part_id, a.street_id FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.phone = '+420603300004' ORDER BY a.position"));
        }

        watch.AssertClean();
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Editors_and_dispatch_are_not_offered_the_subscribers_view(OperatorRole role)
    {
        var name = role.ToString().ToLowerInvariant();
        await Site.Factory.CreateOperatorAsync(role, name, OperatorClient.TestPassword, "Kolega");
        var page = await Context.NewPageAsync();
        await SignInAsync(page, name, OperatorClient.TestPassword, SectionPath);

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Nová zpráva" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Odběratelé" })).ToHaveCountAsync(0);
        await page.GotoAsync(SectionPath + "/view/subscribers");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Nová zpráva" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("studenka-sms-subscribers")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, $"subscribers-5-hidden-for-{name}");
    }

    /// <summary>A resident whose street is missing from the list ("Moje ulice v seznamu chybí"), signed up as the form does.</summary>
    private async Task<string> SignUpTypedStreetAsync(string phone, string part, string street)
    {
        await using var scope = Site.Factory.Services.CreateAsyncScope();
        var subscriptions = scope.ServiceProvider.GetRequiredService<SubscriptionService>();
        var input = new SubscriptionInput(phone, "Obyvatel", null, [new AddressInput(PartId(Site, part), null, null, StreetMissing: true, StreetName: street)], [2], Consent: true);
        var signUp = await subscriptions.SignUpAsync(input, IPAddress.Loopback, CancellationToken.None);
        Assert.Equal(SignUpOutcome.CodeSent, signUp.Outcome);
        Site.Factory.DrainOutbox();
        string body;
        using (var db = Site.Factory.OpenDatabase())
        {
            body = db.ExecuteScalar<string>("SELECT body FROM sandbox_sms WHERE recipient = @phone ORDER BY id DESC LIMIT 1", new { phone = signUp.Attempt!.Phone })!;
        }

        var confirmed = await subscriptions.ConfirmSignupAsync(signUp.Attempt!, SandboxInbox.SignUpCode().Match(body).Groups["code"].Value, CancellationToken.None);
        Assert.True(confirmed.Succeeded);
        return signUp.Attempt!.Phone;
    }

    private (long? StreetId, string? StreetText) AddressOf(string phone)
    {
        using var db = Site.Factory.OpenDatabase();
        return db.QuerySingle<(long?, string?)>(
            "SELECT a.street_id, a.street_text FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.phone = @phone", new { phone });
    }
}
