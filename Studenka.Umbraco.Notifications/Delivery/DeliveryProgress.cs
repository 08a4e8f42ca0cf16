using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Where a campaign's messages are, over every channel. <see cref="Pending"/> includes rows claimed
/// but not yet sent; <see cref="Delivered"/> and <see cref="FailedDelivery"/> come from the SMS
/// provider's delivery reports. <see cref="Email"/> is the e-mail part of these numbers, so the SMS
/// part is the rest (an operator sees both; only SMS cost money).
/// </summary>
public sealed record DeliveryProgress(
    long CampaignId, int Total, int Pending, int Sending, int Accepted, int Failed, int Unknown, int Cancelled, int Delivered, int FailedDelivery)
{
    public ChannelProgress Email { get; init; } = ChannelProgress.None;

    public static DeliveryProgress Empty(long campaignId) => new(campaignId, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One channel's share of a campaign: every row, those still waiting or on the wire, those handed over, those refused or unknown.</summary>
public sealed record ChannelProgress(int Total, int Waiting, int Accepted, int Failed, int Unknown, int Cancelled)
{
    public static readonly ChannelProgress None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>Counts for the campaigns API and the delivery status endpoint; read-only.</summary>
public sealed class DeliveryProgressQuery(IDbConnectionFactory connections)
{
    private string CountsSql => $"""
        SELECT campaign_id AS CampaignId,
               COUNT(*) AS Total,
               SUM(CASE WHEN status IN ('pending', 'claimed') THEN 1 ELSE 0 END) AS Pending,
               SUM(CASE WHEN status = 'sending' THEN 1 ELSE 0 END) AS Sending,
               SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS Accepted,
               SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS Failed,
               SUM(CASE WHEN status = 'unknown' THEN 1 ELSE 0 END) AS Unknown,
               SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS Cancelled,
               SUM(CASE WHEN delivery_status = 'delivered' THEN 1 ELSE 0 END) AS Delivered,
               SUM(CASE WHEN delivery_status IN ('delivery_failed', 'expired') THEN 1 ELSE 0 END) AS FailedDelivery,
               SUM(CASE WHEN channel = 'email' THEN 1 ELSE 0 END) AS EmailTotal,
               SUM(CASE WHEN channel = 'email' AND status IN ('pending', 'claimed', 'sending') THEN 1 ELSE 0 END) AS EmailWaiting,
               SUM(CASE WHEN channel = 'email' AND status = 'accepted' THEN 1 ELSE 0 END) AS EmailAccepted,
               SUM(CASE WHEN channel = 'email' AND status = 'failed' THEN 1 ELSE 0 END) AS EmailFailed,
               SUM(CASE WHEN channel = 'email' AND status = 'unknown' THEN 1 ELSE 0 END) AS EmailUnknown,
               SUM(CASE WHEN channel = 'email' AND status = 'cancelled' THEN 1 ELSE 0 END) AS EmailCancelled
        FROM outbox WHERE {connections.Dialect.InList("campaign_id", "@CampaignIds")} GROUP BY campaign_id
        """;

    // Settable properties: SQLite reports no type for computed columns, so Dapper converts per member.
    private sealed class Row
    {
        public long CampaignId { get; init; }

        public long Total { get; init; }

        public long Pending { get; init; }

        public long Sending { get; init; }

        public long Accepted { get; init; }

        public long Failed { get; init; }

        public long Unknown { get; init; }

        public long Cancelled { get; init; }

        public long Delivered { get; init; }

        public long FailedDelivery { get; init; }

        public long EmailTotal { get; init; }

        public long EmailWaiting { get; init; }

        public long EmailAccepted { get; init; }

        public long EmailFailed { get; init; }

        public long EmailUnknown { get; init; }

        public long EmailCancelled { get; init; }
    }

    public async Task<DeliveryProgress> GetAsync(long campaignId, CancellationToken cancellationToken) =>
        (await GetManyAsync([campaignId], cancellationToken))[campaignId];

    /// <summary>One entry per requested id; a campaign without outbox rows (not yet snapshotted) gets zeros.</summary>
    public async Task<IReadOnlyDictionary<long, DeliveryProgress>> GetManyAsync(IReadOnlyList<long> campaignIds, CancellationToken cancellationToken)
    {
        var result = campaignIds.Distinct().ToDictionary(id => id, DeliveryProgress.Empty);
        if (result.Count == 0)
        {
            return result;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(CountsSql, new { CampaignIds = result.Keys.ToList() }, cancellationToken: cancellationToken));
        foreach (var r in rows)
        {
            result[r.CampaignId] = new DeliveryProgress(r.CampaignId, (int)r.Total, (int)r.Pending, (int)r.Sending, (int)r.Accepted,
                (int)r.Failed, (int)r.Unknown, (int)r.Cancelled, (int)r.Delivered, (int)r.FailedDelivery)
            {
                Email = new ChannelProgress((int)r.EmailTotal, (int)r.EmailWaiting, (int)r.EmailAccepted, (int)r.EmailFailed, (int)r.EmailUnknown, (int)r.EmailCancelled),
            };
        }

        return result;
    }

    /// <summary>Messages not yet handed over (pending, claimed or on the wire), over all campaigns and channels.</summary>
    public async Task<int> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'claimed', 'sending')", cancellationToken: cancellationToken));
    }
}
