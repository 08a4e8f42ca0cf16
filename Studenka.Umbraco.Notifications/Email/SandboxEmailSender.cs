using Dapper;
using MimeKit;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Email;

public sealed record SandboxEmail(long Id, string Recipient, string Subject, string Text, string Html, string Headers, string? Ics, DateTimeOffset SentAt);

/// <summary>
/// The e-mail sender while no SMTP server is configured (the default, as the sandbox SMS gateway):
/// it builds the very message SMTP would carry and keeps it, so the sandbox page shows what a
/// resident would have received (links clickable) and tests read it.
/// </summary>
public sealed class SandboxEmailSender(EmailComposer composer, IDbConnectionFactory connections, TimeProvider time) : IMessageSender
{
    private static readonly string[] KeptHeaders = ["From", "To", "Subject", "Message-Id", "List-Unsubscribe", "List-Unsubscribe-Post"];

    public string Channel => OutboxChannel.Email;

    public async Task<SmsSendResult> SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        var message = await composer.ComposeAsync(batch, cancellationToken);
        var ics = message.Attachments.OfType<TextPart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "calendar"))?.Text;
        var headers = string.Join("\n", KeptHeaders.Where(message.Headers.Contains).Select(h => $"{h}: {message.Headers[h]}"));
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sandbox_emails (recipient, subject, text_body, html_body, headers, ics, reference, created_at_ms)
            VALUES (@recipient, @subject, @text, @html, @headers, @ics, @reference, @at)
            """, new
        {
            recipient = batch.Addresses.Single(),
            subject = message.Subject,
            text = message.TextBody ?? "",
            html = message.HtmlBody ?? "",
            headers,
            ics,
            reference = batch.Reference,
            at = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken));
        return new SmsSendResult(SmsSendStatus.Accepted, ProviderMessageId: "sandbox-" + batch.Reference);
    }

    public async Task<IReadOnlyList<SandboxEmail>> RecentAsync(int take, string? recipient, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Recipient, string Subject, string Text, string Html, string Headers, string? Ics, long At)>(new CommandDefinition("""
            SELECT id, recipient, subject, text_body, html_body, headers, ics, created_at_ms FROM sandbox_emails
            WHERE @recipient IS NULL OR recipient = @recipient
            ORDER BY id DESC LIMIT @take
            """, new { take, recipient }, cancellationToken: cancellationToken));
        return rows.Select(r => new SandboxEmail(r.Id, r.Recipient, r.Subject, r.Text, r.Html, r.Headers, r.Ics, DateTimeOffset.FromUnixTimeMilliseconds(r.At))).ToList();
    }
}
