using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>What the backoffice tests do often: residents who signed up, an operator signing in, the SMS section.</summary>
public static partial class BackOfficePages
{
    public const string SectionPath = "/umbraco/section/sms";

    /// <summary>A resident who signed up and confirmed the code through the subscription service (what the form calls).</summary>
    public static async Task<string> SignUpAsync(KestrelSite site, string phone, IReadOnlyList<(string Part, string? Street)> addresses, params int[] packages)
    {
        var inputs = addresses.Select(a => new AddressInput(PartId(site, a.Part), a.Street is null ? null : StreetId(site, a.Part, a.Street), null)).ToList();
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var subscriptions = scope.ServiceProvider.GetRequiredService<SubscriptionService>();
        var signUp = await subscriptions.SignUpAsync(new SubscriptionInput(phone, "Obyvatel", null, inputs, packages, Consent: true), IPAddress.Loopback, CancellationToken.None);
        Assert.Equal(SignUpOutcome.CodeSent, signUp.Outcome);
        var attempt = signUp.Attempt!;
        site.Factory.DrainOutbox();
        string body;
        using (var db = site.Factory.OpenDatabase())
        {
            body = db.ExecuteScalar<string>("SELECT body FROM sandbox_sms WHERE recipient = @phone ORDER BY id DESC LIMIT 1", new { phone = attempt.Phone })!;
        }

        var confirmed = await subscriptions.ConfirmSignupAsync(attempt, SandboxInbox.SignUpCode().Match(body).Groups["code"].Value, CancellationToken.None);
        Assert.True(confirmed.Succeeded, $"{phone}: {confirmed.Check.Outcome}");
        return attempt.Phone;
    }

    public static long PartId(KestrelSite site, string part)
    {
        using var db = site.Factory.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT id FROM city_parts WHERE name = @part", new { part });
    }

    public static long StreetId(KestrelSite site, string part, string street)
    {
        using var db = site.Factory.OpenDatabase();
        return db.ExecuteScalar<long>(
            "SELECT s.id FROM streets s JOIN city_parts p ON p.id = s.city_part_id WHERE p.name = @part AND s.name = @street",
            new { part, street });
    }

    /// <summary>Opens <paramref name="path"/>, which sends to the Czech login page; signs in there and waits for the backoffice.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, string path = "/umbraco", string? screenshot = null)
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync(LoginPage(), new() { Timeout = 60_000 });
        await Expect(page.GetByLabel("Přihlašovací jméno")).ToBeVisibleAsync();
        if (screenshot is not null)
        {
            await Artifacts.ScreenshotAsync(page, screenshot);
        }

        await page.GetByLabel("Přihlašovací jméno").FillAsync(userName);
        await page.GetByLabel("Heslo").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit" }).ClickAsync();
        // The header's section tabs: the first sign that the signed-in backoffice rendered.
        await Expect(page.Locator("umb-backoffice-header-sections uui-tab").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>
    /// Clicks a view's tab in the SMS section and waits until the backoffice shows that view's address.
    /// Umbraco renders the tabs before the section's router has said where it lives, and until then a
    /// tab links to "undefined/view/…": a click in that moment (a loaded machine, right after sign-in)
    /// leads to "not found" and the view never appears. Right after sign-in the tabs also still move:
    /// the views an operator's role may see appear one by one as their conditions resolve, so a click
    /// aimed at one tab can land on its neighbour (CI once opened "Nastavení" for "Operátoři"). A click
    /// that went to another view is therefore repeated, as a person would click again.
    /// </summary>
    public static async Task OpenViewAsync(IPage page, string tabName)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = tabName });
        await Expect(tab).ToHaveAttributeAsync("href", ViewHref(), new() { Timeout = 30_000 });
        var href = await tab.GetAttributeAsync("href") ?? "";
        var arrived = new Regex(Regex.Escape(href) + "$");
        for (var attempt = 1; ; attempt++)
        {
            await tab.ClickAsync();
            try
            {
                await page.WaitForURLAsync(arrived, new() { Timeout = attempt < 3 ? 10_000 : 30_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Clicked while the tabs moved: try again.
            }
            catch (TimeoutException e)
            {
                // Say where the backoffice went instead, and keep a picture of it.
                await Artifacts.ScreenshotAsync(page, $"failed-open-view-{href[(href.LastIndexOf('/') + 1)..]}");
                var tabs = await page.GetByRole(AriaRole.Tab).EvaluateAllAsync<string[]>(
                    "ts => ts.map(t => (t.getRootNode().host?.getAttribute('label') ?? t.textContent.trim()) + ' ' + t.getAttribute('href') + ' ' + (t.checkVisibility() ? 'visible' : 'hidden'))");
                throw new TimeoutException($"Clicking the tab {tabName} ({href}) {attempt} times left the backoffice at {page.Url}; tabs: {string.Join(" | ", tabs)}", e);
            }
        }
    }

    [GeneratedRegex(@"^/umbraco/section/sms/view/[a-z-]+$")]
    private static partial Regex ViewHref();

    /// <summary>The labels of the sections in the backoffice header.</summary>
    public static async Task<IReadOnlyList<string>> SectionLabelsAsync(IPage page)
    {
        var tabs = page.Locator("umb-backoffice-header-sections uui-tab");
        await Expect(tabs.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return await tabs.EvaluateAllAsync<string[]>("tabs => tabs.map(t => t.getAttribute('label') ?? t.textContent.trim())");
    }

    /// <summary>Fails when the page or one of the package's views is wider than the screen (cut off, or scrolls sideways).</summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("""
            () => {
                const all = [document.documentElement, document.body];
                const walk = (root) => { for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); } };
                walk(document);
                let worst = 0;
                for (const el of all) {
                    if (!el.tagName.toLowerCase().startsWith('studenka-')) continue;
                    worst = Math.max(worst, el.scrollWidth - el.clientWidth, Math.ceil(el.getBoundingClientRect().right - window.innerWidth));
                }
                return Math.max(worst, document.documentElement.scrollWidth - window.innerWidth);
            }
            """);
        Assert.True(overflow <= 1, $"{what}: {overflow}px wider than the 375 px screen");
    }

    [GeneratedRegex("/umbraco/login")]
    private static partial Regex LoginPage();
}
