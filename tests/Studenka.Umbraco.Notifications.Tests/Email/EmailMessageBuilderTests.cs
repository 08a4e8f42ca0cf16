using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Email;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Tests.Email;

public sealed class EmailMessageBuilderTests
{
    private readonly EmailLinks _links = new(new EphemeralDataProtectionProvider());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private EmailMessageBuilder Builder() => new(
        Options.Create(new EmailOptions { FromAddress = "sms@studenka.cz", FromName = "Město Studénka" }),
        Options.Create(new SmsOptions()),
        _links,
        new EmailLinkBase(Options.Create(new WebOptions { PublicBaseUrl = new Uri("https://www.studenka.cz") }), new ServiceCollection().BuildServiceProvider()),
        _time);

    [Fact]
    public void A_campaign_email_has_the_original_Czech_text_the_package_and_a_one_click_unsubscribe_for_that_package()
    {
        var message = Builder().Campaign("jana@example.cz", "batch1", new CampaignEmailContent(3, 2, "Přerušení dodávky vody v ulici Čs. armády <zítra>.", null));

        Assert.Equal("Město Studénka – Provozní informace", message.Subject);
        Assert.Contains("Přerušení dodávky vody v ulici Čs. armády <zítra>.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Přerušení dodávky vody v ulici Čs. armády &lt;zítra&gt;.", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<zítra>", message.HtmlBody, StringComparison.Ordinal);
        var header = message.Headers["List-Unsubscribe"] ?? "";
        Assert.StartsWith("<https://www.studenka.cz/sms/email/odhlasit?t=", header, StringComparison.Ordinal);
        Assert.EndsWith(">", header, StringComparison.Ordinal);
        var url = header[1..^1];
        Assert.Equal(new EmailUnsubscribe("jana@example.cz", 2), _links.ReadUnsubscribeToken(Uri.UnescapeDataString(url.Split("?t=")[1])));
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(url, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{url.Replace("&", "&amp;")}\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(message.Attachments);
        Assert.Equal("batch1@studenka.cz", message.MessageId);
    }

    [Theory]
    // Winter (CET, UTC+1) and summer (CEST, UTC+2): both are 18:00 on the town's clock.
    [InlineData("2026-01-15T17:00:00Z", "20260115T180000", "20260115T190000")]
    [InlineData("2026-07-15T16:00:00Z", "20260715T180000", "20260715T190000")]
    // The night summer time starts: 01:30 UTC is 03:30 in Prague (02:00-03:00 does not exist).
    [InlineData("2026-03-29T01:30:00Z", "20260329T033000", "20260329T043000")]
    public void An_event_campaign_carries_an_ics_in_Prague_time_with_a_stable_uid(string startUtc, string localStart, string localEnd)
    {
        var start = DateTimeOffset.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture);
        var content = new CampaignEmailContent(7, 4, "Koncert v parku, vstup zdarma.", new CampaignEvent("Koncert; dechovka", start, null, "Park, Studénka"));

        var first = Ics(Builder().Campaign("jana@example.cz", "b1", content));
        var second = Ics(Builder().Campaign("petr@example.cz", "b2", content));

        Assert.Contains($"DTSTART;TZID=Europe/Prague:{localStart}\n", first, StringComparison.Ordinal);
        Assert.Contains($"DTEND;TZID=Europe/Prague:{localEnd}\n", first, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE\nTZID:Europe/Prague\n", first, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Koncert\\; dechovka\n", first, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Park\\, Studénka\n", first, StringComparison.Ordinal);
        Assert.Contains("UID:campaign-7@studenka.cz\n", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.All(first.Split("\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public void A_service_email_takes_its_subject_from_the_first_line_and_links_its_urls_without_an_unsubscribe_header()
    {
        var message = Builder().Service("jana@example.cz", "s1", "Potvrďte svůj e-mail\n\nOtevřete odkaz: https://www.studenka.cz/sms/email/overit?t=ab-c_d.\nPlatí 48 hodin.");

        Assert.Equal("Potvrďte svůj e-mail", message.Subject);
        Assert.StartsWith("Otevřete odkaz: https://www.studenka.cz/sms/email/overit?t=ab-c_d.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www.studenka.cz/sms/email/overit?t=ab-c_d\">https://www.studenka.cz/sms/email/overit?t=ab-c_d</a>.<br>Platí 48 hodin.", message.HtmlBody, StringComparison.Ordinal);
        Assert.False(message.Headers.Contains("List-Unsubscribe"));
    }

    private static string Ics(MimeMessage message)
    {
        var part = Assert.IsType<MimePart>(Assert.Single(message.Attachments), exactMatch: false);
        Assert.Equal("udalost.ics", part.FileName);
        Assert.True(part.ContentType.IsMimeType("text", "calendar"));
        // On the wire MIME lines end in CRLF; MimeKit hands the part's text back with LF.
        return ((TextPart)part).Text.Replace("\r\n", "\n");
    }
}
