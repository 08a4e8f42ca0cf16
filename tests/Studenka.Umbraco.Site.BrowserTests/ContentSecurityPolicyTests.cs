using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>The strict Content-Security-Policy blocks nothing the pages need: styles load, the script runs, no violation is reported.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task Every_page_runs_under_the_policy_without_a_violation()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var path in new[] { "/", "/sms/sprava", "/sms/ochrana-udaju", "/sms/sandbox", "/umbraco/login", "/neexistuje", "/sms" })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
            // The stylesheet applied: the site header is laid out by site.css, not the browser's defaults.
            Assert.NotEqual("0px", await page.Locator(".site-header").EvaluateAsync<string>("e => getComputedStyle(e).paddingTop"));
        }

        // The script ran: choosing a part without streets hides the street list.
        var address = page.GetByRole(AriaRole.Group, new() { Name = "Adresa 1" });
        await address.GetByLabel("Část obce").SelectOptionAsync(new SelectOptionValue { Label = "Nová Horka" });
        await Expect(address.GetByLabel("Ulice", new() { Exact = true })).ToBeHiddenAsync();
        Assert.Empty(violations);
    }
}
