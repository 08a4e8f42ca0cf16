using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// E-mail as a second channel (issue 12), clicked through as a resident does it: she adds her e-mail at
/// sign-up, opens the confirmation link from her mailbox (the Site's sandbox page), receives a campaign
/// by SMS and by e-mail, and leaves one package's e-mails by the link in that e-mail.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailJourneyTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string Phone = "+420603123456";
    private const string Email = "jana.novakova@example.cz";
    private const int Council = 3;

    [Fact]
    public async Task A_resident_adds_an_email_confirms_it_gets_a_campaign_by_both_channels_and_unsubscribes_one_package_by_its_link()
    {
        var page = await Context.NewPageAsync();
        var inbox = new SandboxInbox(await Context.NewPageAsync(), Site);

        await ResidentJourneyTests.FillSignUpFormAsync(page);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "E-mail (nepovinné)" }).FillAsync(Email);
        await page.GetByLabel("3. Úřad a samospráva", new() { Exact = true }).CheckAsync();
        // Crisis comes by both channels unless she says otherwise; the council news she wants by both too.
        await Expect(page.Locator("#sms-channel-1")).ToHaveValueAsync("Both");
        await page.Locator("#sms-channel-3").SelectOptionAsync("Both");
        await Artifacts.ScreenshotAsync(page, "email-01-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();
        await page.GetByLabel("Kód z SMS").FillAsync(await inbox.ReadCodeAsync(Phone, SandboxInbox.SignUpCode()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hotovo, odběr je aktivní", Level = 1 })).ToBeVisibleAsync();

        // Until the address is confirmed, a campaign reaches her by SMS only.
        await SendAsync("Zastupitelstvo zasedá ve čtvrtek v 17 hodin.");
        await inbox.NewestAsync(Phone, new("Zastupitelstvo zasedá"));
        Assert.Equal(0, SandboxEmailsTo(Email, "%Zastupitelstvo%"));

        // Her mailbox: the confirmation link, opened, then confirmed on the page it leads to.
        var verification = await inbox.EmailLinkAsync(Email, "/sms/email/overit");
        await Artifacts.ScreenshotAsync(inbox.Page, "email-02-sandbox-verification");
        await verification.ClickAsync();
        await Expect(inbox.Page.GetByRole(AriaRole.Heading, new() { Name = "Potvrzení e-mailu", Level = 1 })).ToBeVisibleAsync();
        await inbox.Page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit e-mail" }).ClickAsync();
        await Expect(inbox.Page.GetByRole(AriaRole.Heading, new() { Name = "E-mail je potvrzený", Level = 1 })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(inbox.Page, "email-03-confirmed");

        await SendAsync("Rada města schválila rozpočet na rok 2027.");
        await inbox.NewestAsync(Phone, new("rozpočet na rok 2027"));
        var unsubscribe = await inbox.EmailLinkAsync(Email, "/sms/email/odhlasit", "rozpočet na rok 2027");
        await Artifacts.ScreenshotAsync(inbox.Page, "email-04-sandbox-campaign");
        Assert.Equal(1, SandboxEmailsTo(Email, "%rozpočet na rok 2027%"));

        await unsubscribe.ClickAsync();
        await Expect(inbox.Page.GetByRole(AriaRole.Heading, new() { Name = "Odhlášení z e-mailu", Level = 1 })).ToBeVisibleAsync();
        await inbox.Page.GetByRole(AriaRole.Button, new() { Name = "Odhlásit tento balíček z e-mailu" }).ClickAsync();
        await Expect(inbox.Page.GetByRole(AriaRole.Heading, new() { Name = "Odhlášeno z e-mailu", Level = 1 })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(inbox.Page, "email-05-unsubscribed");

        // The council news now come by SMS only; crisis messages still by both.
        await SendAsync("Úřad bude v pátek zavřený.");
        await inbox.NewestAsync(Phone, new("v pátek zavřený"));
        await SendAsync("Cvičný poplach sirén ve středu ve 12 hodin.", TopicPackages.Crisis);
        await inbox.NewestAsync(Phone, new("Cvičný poplach"));
        await inbox.EmailLinkAsync(Email, "/sms/email/odhlasit", "Cvičný poplach");
        Assert.Equal(0, SandboxEmailsTo(Email, "%v pátek zavřený%"));
    }

    private async Task SendAsync(string text, int package = Council)
    {
        var created = await Site.Factory.Services.GetRequiredService<CampaignService>()
            .CreateAsync(new CampaignDraft(package, null, null, text, Schedule: new CampaignSchedule(null)), OperatorIdentity.System, CancellationToken.None);
        Assert.Equal(CampaignOutcome.Done, created.Outcome);
    }

    private int SandboxEmailsTo(string email, string like)
    {
        using var db = Site.Factory.OpenDatabase();
        return db.ExecuteScalar<int>("SELECT COUNT(*) FROM sandbox_emails WHERE recipient = @email AND text_body LIKE @like", new { email, like });
    }
}
