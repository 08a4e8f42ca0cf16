using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Email;

/// <summary>The site's e-mail pipeline against a real SMTP server on 127.0.0.1 (SmtpServer in the test process).</summary>
public sealed class SmtpEmailDeliveryTests
{
    private static StudenkaSiteFactory Site(SmtpTestServer smtp, bool login = false) => new(new Dictionary<string, string?>
    {
        ["Studenka:Delivery:NodeId"] = "test-node",
        ["Studenka:Delivery:PollIntervalSeconds"] = "1",
        ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz",
        ["Studenka:Email:Provider"] = "Smtp",
        ["Studenka:Email:Host"] = "127.0.0.1",
        ["Studenka:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Studenka:Email:Security"] = "None",
        ["Studenka:Email:PerSecond"] = "100",
        ["Studenka:Email:TimeoutSeconds"] = "10",
        ["Studenka:Email:UserName"] = login ? "studenka" : null,
        ["Studenka:Email:Password"] = login ? "wrong" : null,
    });

    [Fact]
    public async Task A_campaign_email_and_a_service_email_arrive_with_both_parts_the_unsubscribe_headers_and_the_ics()
    {
        using var smtp = new SmtpTestServer();
        using var site = Site(smtp);
        _ = site.Services;
        var start = new DateTimeOffset(2026, 12, 5, 17, 0, 0, TimeSpan.Zero);
        var campaign = Campaign(site, "Adventní koncert na náměstí, přijďte!", ("Adventní koncert", start, "Náměstí, Studénka"));
        EmailRow(site, campaign, "jana@example.cz");
        await site.Services.GetRequiredService<OutboxOperations>().EnqueueServiceAsync(
            new ServiceMessage("petr@example.cz", "Potvrďte svůj e-mail\n\nOtevřete: https://www.studenka.cz/sms/email/overit?t=abc", OutboxChannel.Email), CancellationToken.None);
        site.Services.GetRequiredService<DeliverySignal>().Wake();

        await EventuallyAsync(site, "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND status = 'accepted'", 2);

        var received = smtp.Received.ToList();
        Assert.Equal(2, received.Count);
        var service = Assert.Single(received, m => m.To.Mailboxes.Single().Address == "petr@example.cz");
        Assert.Equal("Potvrďte svůj e-mail", service.Subject);
        Assert.Contains("<a href=\"https://www.studenka.cz/sms/email/overit?t=abc\">", service.HtmlBody, StringComparison.Ordinal);
        var mail = Assert.Single(received, m => m.To.Mailboxes.Single().Address == "jana@example.cz");
        Assert.Equal("Město Studénka – Krizové zprávy", mail.Subject);
        Assert.Equal("Město Studénka", mail.From.Mailboxes.Single().Name);
        Assert.Contains("Adventní koncert na náměstí, přijďte!", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Adventní koncert na náměstí, přijďte!", mail.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://www.studenka.cz/sms/email/odhlasit?t=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var ics = ((TextPart)Assert.Single(mail.Attachments)).Text;
        Assert.Contains("DTSTART;TZID=Europe/Prague:20261205T180000", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:campaign-{campaign}@studenka.cz", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_answering_421_is_tried_again_later_and_the_email_arrives_exactly_once()
    {
        using var smtp = new SmtpTestServer { OnRecipient = (attempt, _) => attempt == 1 ? throw SmtpTestServer.Reply(SmtpReplyCode.ServiceUnavailable, "try later") : true };
        await RetriedOnceAsync(smtp, "421");
    }

    [Fact]
    public async Task A_connection_dropped_before_the_data_is_tried_again_and_the_email_arrives_exactly_once()
    {
        using var smtp = new SmtpTestServer { OnRecipient = (attempt, _) => attempt == 1 ? throw new IOException("dropped") : true };
        await RetriedOnceAsync(smtp, "connection lost before the message was sent");
    }

    private static async Task RetriedOnceAsync(SmtpTestServer smtp, string error)
    {
        using var site = Site(smtp);
        _ = site.Services;
        EmailRow(site, Campaign(site, "Porucha vodovodu", null), "jana@example.cz");
        site.Services.GetRequiredService<DeliverySignal>().Wake();

        await EventuallyAsync(site, "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND attempts = 1", 1);
        using (var db = site.OpenDatabase())
        {
            Assert.Contains(error, db.ExecuteScalar<string>("SELECT error FROM outbox"), StringComparison.Ordinal);
        }

        Assert.Empty(smtp.Received);
        site.Time.Advance(TimeSpan.FromMinutes(10));
        site.Services.GetRequiredService<DeliverySignal>().Wake();
        await EventuallyAsync(site, "SELECT COUNT(*) FROM outbox WHERE status = 'accepted' AND attempts = 2", 1);
        // Another pass must not send it again.
        site.Time.Advance(TimeSpan.FromMinutes(10));
        site.Services.GetRequiredService<DeliverySignal>().Wake();
        await Task.Delay(1500);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_data_leaves_the_email_unknown_and_it_is_never_sent_again()
    {
        using var smtp = new SmtpTestServer { DropAfterData = _ => true };
        using var site = Site(smtp);
        _ = site.Services;
        EmailRow(site, Campaign(site, "Porucha vodovodu", null), "jana@example.cz");
        site.Services.GetRequiredService<DeliverySignal>().Wake();

        await EventuallyAsync(site, "SELECT COUNT(*) FROM outbox WHERE status = 'unknown'", 1);
        site.Time.Advance(TimeSpan.FromMinutes(10));
        site.Services.GetRequiredService<DeliverySignal>().Wake();
        await Task.Delay(1500);
        Assert.Single(smtp.Received);
        using var db = site.OpenDatabase();
        Assert.Equal("unknown", db.ExecuteScalar<string>("SELECT status FROM outbox"));
    }

    [Fact]
    public async Task A_recipient_refused_with_5xx_fails_for_good_and_is_not_retried()
    {
        using var smtp = new SmtpTestServer { OnRecipient = (_, address) => address != "gone@example.cz" };
        using var site = Site(smtp);
        _ = site.Services;
        var campaign = Campaign(site, "Porucha vodovodu", null);
        EmailRow(site, campaign, "gone@example.cz");
        EmailRow(site, campaign, "jana@example.cz");
        site.Services.GetRequiredService<DeliverySignal>().Wake();

        await EventuallyAsync(site, "SELECT COUNT(*) FROM outbox WHERE status IN ('failed', 'accepted')", 2);
        using var db = site.OpenDatabase();
        var gone = db.QuerySingle<(string Status, string Error, long Attempts)>("SELECT status, error, attempts FROM outbox WHERE address = 'gone@example.cz'");
        Assert.Equal(("failed", 1L), (gone.Status, gone.Attempts));
        Assert.StartsWith("SMTP 550", gone.Error, StringComparison.Ordinal);
        Assert.Equal("jana@example.cz", Assert.Single(smtp.Received).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_refused_SMTP_login_pauses_email_only_and_SMS_keeps_going()
    {
        using var smtp = new SmtpTestServer(login: true);
        using var site = Site(smtp, login: true);
        _ = site.Services;
        var campaign = Campaign(site, "Porucha vodovodu", null);
        EmailRow(site, campaign, "jana@example.cz");
        site.Services.GetRequiredService<DeliverySignal>().Wake();
        await EventuallyAsync(site, "SELECT COUNT(*) FROM delivery_pause WHERE channel = 'email'", 1);

        await site.Services.GetRequiredService<OutboxOperations>().EnqueueServiceAsync(new ServiceMessage("+420603000001", "Kód 1234"), CancellationToken.None);
        await EventuallyAsync(site, "SELECT COUNT(*) FROM sandbox_sms WHERE recipient = '+420603000001'", 1);
        using var db = site.OpenDatabase();
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM delivery_pause WHERE channel = 'sms'"));
        var email = db.QuerySingle<(string Status, long Attempts)>("SELECT status, attempts FROM outbox WHERE channel = 'email'");
        Assert.Equal(("pending", 0L), email);
        Assert.Contains("535", db.ExecuteScalar<string>("SELECT reason FROM delivery_pause WHERE channel = 'email'"), StringComparison.Ordinal);
        Assert.Empty(smtp.Received);
    }

    private static long Campaign(StudenkaSiteFactory site, string text, (string Title, DateTimeOffset Start, string Location)? @event)
    {
        var now = site.Time.GetUtcNow().ToUnixTimeMilliseconds();
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<long>("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, due_at_ms, snapshot_at_ms, created_at_ms, updated_at_ms,
                                   event_title, event_start_ms, event_location)
            VALUES (1, @text, 'keep', @text, 'ucs2', 1, 'manual', 'test', 'sending', @now, @now, @now, @now, @title, @start, @location) RETURNING id
            """, new { text, now, title = @event?.Title, start = @event?.Start.ToUnixTimeMilliseconds(), location = @event?.Location });
    }

    /// <summary>A campaign's e-mail row as the snapshot writes it (tests only: the snapshot's e-mail targeting is another part of issue 12).</summary>
    private static void EmailRow(StudenkaSiteFactory site, long campaign, string address)
    {
        var now = site.Time.GetUtcNow().ToUnixTimeMilliseconds();
        using var db = site.OpenDatabase();
        db.Execute("""
            INSERT INTO outbox (lane, campaign_id, channel, address, status, next_attempt_at_ms, created_at_ms, updated_at_ms)
            VALUES ('campaign', @campaign, 'email', @address, 'pending', @now, @now, @now)
            """, new { campaign, address, now });
    }

    /// <summary>The workers run on their own threads: wait for what a user would see, with a deadline.</summary>
    private static async Task EventuallyAsync(StudenkaSiteFactory site, string countSql, long expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using (var db = site.OpenDatabase())
            {
                var count = db.ExecuteScalar<long>(countSql);
                if (count == expected)
                {
                    return;
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    var rows = string.Join("; ", db.Query<string>("SELECT channel || ' ' || address || ' ' || status || ' ' || attempts || ' ' || COALESCE(error, '') FROM outbox"));
                    Assert.Fail($"{countSql} is {count}, not {expected}; outbox: {rows}");
                }
            }

            await Task.Delay(50);
        }
    }
}
