using Dapper;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Closes campaigns with nothing left in flight: 'sent', or 'failed' when not one SMS was accepted
/// and some failed. Only 'sending' campaigns are touched, so a cancellation is never overwritten.
/// </summary>
public sealed class CampaignCompletion(IDbConnectionFactory connections, TimeProvider time, ILogger<CampaignCompletion> logger)
{
    // Settable properties, not a positional record: SQLite reports no type for subquery columns,
    // so Dapper must convert by member instead of matching a constructor signature.
    private sealed class Finished
    {
        public long Id { get; init; }

        public long Accepted { get; init; }

        public long Failed { get; init; }

        public long Unknown { get; init; }

        public string? LastError { get; init; }
    }

    public async Task<int> CompleteAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var finished = await connection.QueryAsync<Finished>(new CommandDefinition("""
            SELECT c.id AS Id,
                   (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.status = 'accepted') AS Accepted,
                   (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.status = 'failed') AS Failed,
                   (SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = c.id AND o.status = 'unknown') AS Unknown,
                   (SELECT o.error FROM outbox o WHERE o.campaign_id = c.id AND o.status = 'failed' ORDER BY o.updated_at_ms DESC LIMIT 1) AS LastError
            FROM campaigns c
            WHERE c.state = 'sending'
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.campaign_id = c.id AND o.status IN ('pending', 'claimed', 'sending'))
            """, cancellationToken: cancellationToken));
        var completed = 0;
        foreach (var campaign in finished)
        {
            var failed = campaign.Accepted == 0 && campaign.Unknown == 0 && campaign.Failed > 0;
            var reason = failed ? $"Brána nepřijala žádnou SMS ({campaign.Failed} selhalo): {campaign.LastError}" : null;
            completed += await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE campaigns SET state = @State, failure_reason = @reason, finished_at_ms = @Now, updated_at_ms = @Now WHERE id = @Id AND state = 'sending'",
                new { campaign.Id, State = failed ? "failed" : "sent", reason, Now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
            logger.LogInformation("Campaign {CampaignId} finished: {State} ({Accepted} accepted, {Failed} failed, {Unknown} unknown)",
                campaign.Id, failed ? "failed" : "sent", campaign.Accepted, campaign.Failed, campaign.Unknown);
        }

        return completed;
    }
}
