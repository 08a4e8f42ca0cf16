using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>The resident's phone: the Site's sandbox page, read the way a person reads it.</summary>
public sealed partial class SandboxInbox(IPage page, KestrelSite site)
{
    public IPage Page => page;

    /// <summary>Opens the sandbox and returns the six digits from the newest SMS to <paramref name="e164"/> matching <paramref name="text"/>.</summary>
    public async Task<string> ReadCodeAsync(string e164, Regex text)
    {
        var sms = await NewestAsync(e164, text);
        return text.Match(await sms.InnerTextAsync()).Groups["code"].Value;
    }

    /// <summary>Opens the sandbox (again, until it arrives) and waits for an SMS to <paramref name="e164"/> matching <paramref name="text"/>; returns its body cell.</summary>
    public async Task<ILocator> NewestAsync(string e164, Regex text)
    {
        // The SMS leaves through the outbox within a second or two, so a person reloads until it is there.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await page.GotoAsync(site.Url("/sms/sandbox"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sandbox: odeslané SMS", Level = 1 })).ToBeVisibleAsync();
            // Rows are newest first, so the first match is the latest message of that kind.
            var body = page.Locator($"tr[data-recipient=\"{e164}\"] td.sms-body").Filter(new() { HasTextRegex = text }).First;
            if (await body.CountAsync() > 0 || DateTime.UtcNow > deadline)
            {
                await Expect(body).ToBeVisibleAsync();
                return body;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The resident's mailbox: opens the sandbox (again, until it arrives) and returns the link to
    /// <paramref name="path"/> in the newest e-mail to <paramref name="email"/> (containing <paramref name="text"/>, when given).
    /// </summary>
    public async Task<ILocator> EmailLinkAsync(string email, string path, string? text = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await page.GotoAsync(site.Url("/sms/sandbox"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Odeslané e-maily", Level = 2 })).ToBeVisibleAsync();
            var mails = page.Locator($"article[data-recipient=\"{email}\"]");
            if (text is not null)
            {
                mails = mails.Filter(new() { HasText = text });
            }

            var link = mails.First.Locator($"a[href*=\"{path}\"]").First;
            if (await link.CountAsync() > 0 || DateTime.UtcNow > deadline)
            {
                await Expect(link).ToBeVisibleAsync();
                return link;
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"vas overovaci kod je (?<code>\d{6})\b")]
    public static partial Regex SignUpCode();

    [GeneratedRegex(@"kod pro spravu odberu je (?<code>\d{6})\b")]
    public static partial Regex ManageCode();

    [GeneratedRegex(@"odber zprav byl zrusen")]
    public static partial Regex Cancelled();
}
