using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Where a campaign SMS ended, one state per SMS (a delivery report outranks the send status):
/// waiting (pending, claimed or on the wire), accepted (no report yet), delivered, failed delivery
/// (report: undeliverable or expired), failed (refused by the gateway), unknown, cancelled.
/// </summary>
public static class DeliveryOutcome
{
    public const string Pending = "pending", Accepted = "accepted", Delivered = "delivered", FailedDelivery = "failedDelivery",
        Failed = "failed", Unknown = "unknown", Cancelled = "cancelled";

    /// <summary>Handed to the gateway, so paid for (an undeliverable SMS is paid too; an unknown one may have gone).</summary>
    public static bool Billed(string outcome) => outcome is Accepted or Delivered or FailedDelivery or Unknown;
}

/// <summary>How many campaign messages of one campaign and channel (<see cref="OutboxChannel"/>) reached one outcome in one month of the range.</summary>
public sealed record CampaignDeliveryCount(long CampaignId, string Channel, int MonthIndex, string Outcome, long Count);

/// <summary>Delivery's read operation for the statistics: the outbox's campaign lane counted by campaign, channel, month and outcome.</summary>
public sealed class DeliveryStatistics(IDbConnectionFactory connections)
{
    /// <summary>A message counts in the month it left (sent_at), else when it was queued.</summary>
    public async Task<IReadOnlyList<CampaignDeliveryCount>> CountsAsync(MonthRange range, CancellationToken cancellationToken)
    {
        const string at = "COALESCE(sent_at_ms, created_at_ms, updated_at_ms)";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT campaign_id AS CampaignId, channel AS Channel, bucket AS Bucket, outcome AS Outcome, COUNT(*) AS Value FROM (
                SELECT campaign_id, channel, CAST({range.BucketSql(at)} AS BIGINT) AS bucket,
                       CASE WHEN delivery_status = 'delivered' THEN '{DeliveryOutcome.Delivered}'
                            WHEN delivery_status IN ('delivery_failed', 'expired') THEN '{DeliveryOutcome.FailedDelivery}'
                            WHEN status IN ('pending', 'claimed', 'sending') THEN '{DeliveryOutcome.Pending}'
                            ELSE status END AS outcome
                FROM outbox WHERE lane = 'campaign' AND {at} >= @month_b0 AND {at} < @end) x
            GROUP BY campaign_id, channel, bucket, outcome
            """, range.AddParameters(new DynamicParameters(new { end = range.EndMs })), cancellationToken: cancellationToken));
        return rows.Select(r => new CampaignDeliveryCount(r.CampaignId, r.Channel, (int)r.Bucket, r.Outcome, r.Value)).ToList();
    }

    // Settable properties: SQLite reports no type for computed columns, so Dapper converts per member.
    private sealed class Row
    {
        public long CampaignId { get; init; }

        public string Channel { get; init; } = "";

        public long Bucket { get; init; }

        public string Outcome { get; init; } = "";

        public long Value { get; init; }
    }
}
