using Dapper;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Closes campaigns with nothing left in flight: 'sent', or 'failed' when not one SMS was accepted
/// and some failed. Delivery counts its rows; the state change is Campaigns' operation, which only
/// touches 'sending' campaigns, so a cancellation is never overwritten.
/// </summary>
public sealed class CampaignCompletion(IDbConnectionFactory connections, TimeProvider time, ILogger<CampaignCompletion> logger)
{
    private readonly CampaignTransitions _campaigns = new(connections);

    // Settable properties, not a positional record: SQLite reports no type for computed columns,
    // so Dapper must convert by member instead of matching a constructor signature.
    private sealed class Counts
    {
        public long CampaignId { get; init; }

        public long InFlight { get; init; }

        public long Accepted { get; init; }

        public long Failed { get; init; }

        public long Unknown { get; init; }
    }

    public async Task<int> CompleteAsync(CancellationToken cancellationToken)
    {
        var sending = await _campaigns.SendingAsync(cancellationToken);
        if (sending.Count == 0)
        {
            return 0;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<Counts>(new CommandDefinition($"""
            SELECT campaign_id AS CampaignId,
                   SUM(CASE WHEN status IN ('pending', 'claimed', 'sending') THEN 1 ELSE 0 END) AS InFlight,
                   SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS Accepted,
                   SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS Failed,
                   SUM(CASE WHEN status = 'unknown' THEN 1 ELSE 0 END) AS Unknown
            FROM outbox WHERE {SqlDialect.For(connection).InList("campaign_id", "@sending")} GROUP BY campaign_id
            """, new { sending }, cancellationToken: cancellationToken))).ToDictionary(c => c.CampaignId);
        var completed = 0;
        foreach (var id in sending)
        {
            // No rows at all: every recipient cancelled before their SMS left; nothing is in flight.
            var c = counts.GetValueOrDefault(id) ?? new Counts { CampaignId = id };
            if (c.InFlight > 0)
            {
                continue;
            }

            var failed = c.Accepted == 0 && c.Unknown == 0 && c.Failed > 0;
            var reason = failed ? $"Brána nepřijala žádnou SMS ({c.Failed} selhalo): {await LastErrorAsync(connection, id, cancellationToken)}" : null;
            completed += await _campaigns.FinishAsync(id, failed, reason, time.GetUtcNow(), cancellationToken) ? 1 : 0;
            logger.LogInformation("Campaign {CampaignId} finished: {State} ({Accepted} accepted, {Failed} failed, {Unknown} unknown)",
                id, failed ? CampaignStates.Failed : CampaignStates.Sent, c.Accepted, c.Failed, c.Unknown);
        }

        return completed;
    }

    private static Task<string?> LastErrorAsync(System.Data.Common.DbConnection connection, long campaignId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT error FROM outbox WHERE campaign_id = @campaignId AND status = 'failed' ORDER BY updated_at_ms DESC LIMIT 1",
            new { campaignId }, cancellationToken: cancellationToken));
}
