using Dapper;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Gateway;

public sealed record SandboxSms(long Id, string Recipient, string Originator, string Body, string? Reference, DateTimeOffset SentAt);

/// <summary>
/// The gateway while no MessageBird key is configured: it accepts everything and keeps it in the
/// database, so a newcomer can read the verification code on the sandbox page and tests can read
/// exactly what a resident would have received.
/// </summary>
public sealed class SandboxSmsGateway(IDbConnectionFactory connections, IOptions<SmsOptions> options, TimeProvider time) : ISmsGateway
{
    public bool IsSandbox => true;

    public async Task<SmsSendResult> SendAsync(SmsBatch batch, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var recipient in batch.Recipients)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sandbox_sms (recipient, originator, body, reference, sent_at_ms) VALUES (@recipient, @originator, @body, @reference, @at)",
                new { recipient, originator = batch.Originator ?? options.Value.Originator, body = batch.Body, reference = batch.Reference, at },
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new SmsSendResult(SmsSendStatus.Accepted, ProviderMessageId: "sandbox-" + batch.Reference);
    }

    public async Task<IReadOnlyList<SandboxSms>> RecentAsync(int take, string? recipient, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Recipient, string Originator, string Body, string? Reference, long SentAtMs)>(new CommandDefinition(
            """
            SELECT id, recipient, originator, body, reference, sent_at_ms FROM sandbox_sms
            WHERE @recipient IS NULL OR recipient = @recipient
            ORDER BY id DESC LIMIT @take
            """,
            new { take, recipient }, cancellationToken: cancellationToken));
        return rows.Select(r => new SandboxSms(r.Id, r.Recipient, r.Originator, r.Body, r.Reference, DateTimeOffset.FromUnixTimeMilliseconds(r.SentAtMs))).ToList();
    }
}
