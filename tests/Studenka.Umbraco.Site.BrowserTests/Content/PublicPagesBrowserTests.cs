using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Site.Content;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests.Content;

/// <summary>The town's events on a phone: /akce and an event page fit 375 px, pass axe, run under the CSP, and lead to the SMS sign-up.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPagesBrowserTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task A_resident_on_a_phone_finds_the_event_reads_it_and_reaches_the_sms_sign_up()
    {
        await PublishEventAsync("Adventní koncert", "Zpívá pěvecký sbor.\n\nVstupné dobrovolné; Mikulášskánadílkaprovšechnydětizestudénkyabutovic.");
        var page = await Context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        var axe = new AxeScan(page, "site-pages");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hlavní navigace" }).GetByRole(AriaRole.Link, new() { Name = "Akce" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Akce", Level = 1 })).ToBeVisibleAsync();
        await axe.ScanAsync("events");
        await page.GetByRole(AriaRole.Link, new() { Name = "Adventní koncert" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Adventní koncert", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".site-page-facts")).ToContainTextAsync("sobota 12. prosince 2026 v 18:00");
        await axe.ScanAsync("event");

        // axe left the page at phone width: nothing may stick out sideways (the long word wraps).
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The event page scrolls sideways at 375 px.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Přihlásit se k odběru SMS" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Site.Url("/sms"));
        axe.AssertNoSeriousViolations();
        Assert.Empty(violations);
    }

    private async Task PublishEventAsync(string title, string body)
    {
        await using var scope = Site.Factory.Services.CreateAsyncScope();
        var pages = scope.ServiceProvider.GetRequiredService<SitePages>();
        var created = await pages.CreateAsync(new PageRequest("eventPage", title, body, "2026-12-12T18:00", "kostel sv. Bartoloměje", false, null, null, null, null, null),
            OperatorIdentity.System, CancellationToken.None);
        var published = await pages.PublishAsync(created.Page!.Key, OperatorIdentity.System, CancellationToken.None);
        Assert.Equal(PageOutcome.Done, published.Outcome);
    }
}
