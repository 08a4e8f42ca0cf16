using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>What keyboard and touch users notice: where focus is, that it shows, and targets big enough to hit.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ResidentControlsTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string Phone = "+420603123456";

    [Fact]
    public async Task Keyboard_focus_shows_a_ring_of_at_least_2px_with_3_to_1_contrast_on_every_control()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync("/sms");
        var failures = await TabThroughAsync(page, "sign-up");
        await Artifacts.ScreenshotAsync(page, "focus-01-signup-last");

        await ResidentJourneyTests.FillSignUpFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ověření telefonního čísla", Level = 1 })).ToBeVisibleAsync();
        // A click on the heading moves the keyboard's starting point above the code field.
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
        failures.AddRange(await TabThroughAsync(page, "code", stopAt: "Poslat nový kód"));
        await Artifacts.ScreenshotAsync(page, "focus-02-resend-button");

        Assert.True(failures.Count == 0, "Focus is hard to see on:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_code_field_has_focus_when_a_code_page_opens_and_after_an_error_the_summary_has_it()
    {
        var page = await Context.NewPageAsync();
        var inbox = new SandboxInbox(await Context.NewPageAsync(), Site);
        await ResidentJourneyTests.FillSignUpFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();

        await Expect(page.GetByLabel("Kód z SMS")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("000000");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await page.GetByLabel("Kód z SMS").FillAsync(await inbox.ReadCodeAsync(Phone, SandboxInbox.SignUpCode()));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hotovo, odběr je aktivní", Level = 1 })).ToBeVisibleAsync();

        Site.Factory.Time.Advance(TimeSpan.FromMinutes(45)); // past the manage session the confirmed sign-up opened
        await page.GotoAsync("/sms/sprava");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 123 456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Poslat kód" }).ClickAsync();
        await Expect(page.GetByLabel("Kód z SMS")).ToBeFocusedAsync();
        await Artifacts.ScreenshotAsync(page, "focus-03-manage-code-focused");
    }

    [Fact]
    public async Task Code_pages_offer_the_same_Poslat_novy_kod_and_small_controls_are_at_least_24px()
    {
        var page = await Context.NewPageAsync();
        var inbox = new SandboxInbox(await Context.NewPageAsync(), Site);
        await ResidentJourneyTests.FillSignUpFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Přihlásit k odběru" }).ClickAsync();
        var problems = new List<string>();

        await CheckSizeAsync(page.GetByText("Poslat nový kód", new() { Exact = true }), "sign-up code page: Poslat nový kód", problems);
        await page.GetByLabel("Kód z SMS").FillAsync(await inbox.ReadCodeAsync(Phone, SandboxInbox.SignUpCode()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hotovo, odběr je aktivní", Level = 1 })).ToBeVisibleAsync();

        Site.Factory.Time.Advance(TimeSpan.FromMinutes(45)); // past the manage session the confirmed sign-up opened
        await page.GotoAsync("/sms/sprava");
        await page.GetByLabel("Mobilní telefon").FillAsync("603 123 456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Poslat kód" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kód pro správu odběru", Level = 1 })).ToBeVisibleAsync();
        // One wording on both code pages, so a resident who learnt one recognises the other.
        await CheckSizeAsync(page.GetByText("Poslat nový kód", new() { Exact = true }), "manage code page: Poslat nový kód", problems);
        await Expect(page.GetByText("Poslat kód znovu")).ToHaveCountAsync(0);

        await page.GetByLabel("Kód z SMS").FillAsync(await inbox.ReadCodeAsync(Phone, SandboxInbox.ManageCode()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Potvrdit" }).ClickAsync();
        await CheckSizeAsync(page.GetByRole(AriaRole.Button, new() { Name = "Odejít ze správy odběru" }), "manage page: Odejít ze správy odběru", problems);

        await page.GotoAsync("/sms/sprava/zrusit");
        await page.SetViewportSizeAsync(375, 812);
        await CheckSizeAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ano, zrušit odběr a smazat údaje" }), "cancel page: Ano, zrušit", problems);
        await CheckSizeAsync(page.GetByRole(AriaRole.Link, new() { Name = "Ne, ponechat odběr" }), "cancel page: Ne, ponechat odběr", problems);
        await Artifacts.ScreenshotAsync(page, "targets-01-cancel-375");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task CheckSizeAsync(ILocator target, string what, List<string> problems)
    {
        await Expect(target).ToBeVisibleAsync();
        var box = await target.BoundingBoxAsync();
        if (box is null || box.Height < 24 || box.Width < 24)
        {
            problems.Add($"{what} is {box?.Width:0.#} × {box?.Height:0.#} px, less than 24 × 24 px");
        }
    }

    /// <summary>Presses Tab through the page and checks the ring of each control focus lands on.</summary>
    private static async Task<List<string>> TabThroughAsync(IPage page, string pageName, string? stopAt = null)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var json = await page.EvaluateAsync<string?>(FocusedRingScript);
            if (json is null)
            {
                break; // focus left the document
            }

            var ring = JsonSerializer.Deserialize<Ring>(json)!;
            if (!seen.Add(ring.Element))
            {
                break; // wrapped round
            }

            var width = double.Parse(ring.OutlineWidth.Replace("px", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var contrast = Contrast(ring.OutlineColor, ring.Background);
            if (ring.OutlineStyle is "none" or "auto" || width < 2 || contrast < 3)
            {
                failures.Add($"{pageName}: {ring.Element}: outline {ring.OutlineStyle} {ring.OutlineWidth} {ring.OutlineColor} on {ring.Background} (contrast {contrast:0.0}:1)");
            }

            if (stopAt is not null && ring.Element.Contains(stopAt, StringComparison.Ordinal))
            {
                return failures;
            }
        }

        Assert.True(stopAt is null, $"Tab never reached \"{stopAt}\" on {pageName}");
        Assert.True(seen.Count > 3, $"Tab reached only {seen.Count} controls on {pageName}");
        return failures;
    }

    // The focused element's outline and the first opaque background behind it.
    private const string FocusedRingScript = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const cs = getComputedStyle(el);
          let bg = 'rgb(255, 255, 255)';
          for (let n = el.parentElement; n; n = n.parentElement) {
            const c = getComputedStyle(n).backgroundColor;
            if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0')) { bg = c; break; }
          }
          const index = Array.prototype.indexOf.call(document.querySelectorAll('*'), el);
          const name = '[' + index + ']' + (el.id ? '#' + el.id : '') + ' "' + (el.labels && el.labels.length ? el.labels[0].innerText : el.innerText || '').trim().slice(0, 40) + '"';
          return JSON.stringify({ Element: el.tagName.toLowerCase() + name, OutlineStyle: cs.outlineStyle, OutlineWidth: cs.outlineWidth, OutlineColor: cs.outlineColor, Background: bg });
        }
        """;

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string rgb)
    {
        var m = RgbPattern().Match(rgb);
        if (!m.Success)
        {
            return 1; // an unknown colour counts as white: the ring must then be dark
        }

        double Channel(int i)
        {
            var c = int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    [GeneratedRegex(@"rgba?\((\d+),\s*(\d+),\s*(\d+)")]
    private static partial Regex RgbPattern();

    private sealed record Ring(string Element, string OutlineStyle, string OutlineWidth, string OutlineColor, string Background);
}
