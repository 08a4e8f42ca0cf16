using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>One recipient of a campaign as the outbox knows it; <see cref="Phone"/> is the address as stored (a phone, or an e-mail
/// when <see cref="Channel"/> says so; the API masks it per role).</summary>
/// <param name="Status">One of <see cref="CampaignRecipients.Statuses"/>.</param>
public sealed record CampaignRecipient(string Phone, string Status, DateTimeOffset UpdatedAt, string? Error, string Channel = OutboxChannel.Sms);

public sealed record CampaignRecipientPage(int Total, IReadOnlyList<CampaignRecipient> Items);

/// <summary>
/// Per-recipient status of a campaign, read from the outbox, and the snapshot of a resend of its
/// failed recipients. "failed" means what an operator means: the gateway refused the SMS, or the
/// network reported it undeliverable or expired; "unknown" (may have gone out) is never resent.
/// </summary>
public sealed class CampaignRecipients(IDbConnectionFactory connections)
{
    public static IReadOnlyList<string> Statuses { get; } = ["pending", "sending", "accepted", "delivered", "failed", "unknown", "cancelled"];

    private const string StatusExpression = """
        CASE WHEN status IN ('pending', 'claimed') THEN 'pending'
             WHEN status = 'failed' OR delivery_status IN ('delivery_failed', 'expired') THEN 'failed'
             WHEN delivery_status = 'delivered' THEN 'delivered'
             ELSE status END
        """;

    private const string Failed = "(o.status = 'failed' OR o.delivery_status IN ('delivery_failed', 'expired'))";

    // What a resend takes again (see SnapshotFailedAsync).
    private const string FailedSms = $"o.channel = '{OutboxChannel.Sms}' AND {Failed}";

    private sealed class Row
    {
        public string Phone { get; init; } = "";

        public string Channel { get; init; } = "";

        public string Status { get; init; } = "";

        public long UpdatedAtMs { get; init; }

        public string? Error { get; init; }
    }

    /// <summary>Oldest row first (the order they were written); <paramref name="status"/> null = every status.</summary>
    public async Task<CampaignRecipientPage> PageAsync(long campaignId, string? status, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { campaignId, status, skip, take };
        var filter = $"FROM (SELECT id, channel, address, {StatusExpression} AS shown, updated_at_ms, delivery_status_at_ms, error FROM outbox WHERE campaign_id = @campaignId) r WHERE @status IS NULL OR r.shown = @status";
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) {filter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT r.address AS Phone, r.channel AS Channel, r.shown AS Status,
                   CASE WHEN r.delivery_status_at_ms > r.updated_at_ms THEN r.delivery_status_at_ms ELSE r.updated_at_ms END AS UpdatedAtMs,
                   r.error AS Error
            {filter} ORDER BY r.id LIMIT @take OFFSET @skip
            """, parameters, cancellationToken: cancellationToken));
        return new CampaignRecipientPage(total, rows.Select(r => new CampaignRecipient(r.Phone, r.Status, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtMs), r.Error, r.Channel)).ToList());
    }

    public static Task<int> CountFailedAsync(DbConnection connection, DbTransaction transaction, long campaignId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM outbox o WHERE o.campaign_id = @campaignId AND {FailedSms}", new { campaignId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Freezes the failed recipients of <paramref name="fromCampaignId"/> into <paramref name="campaignId"/>'s outbox,
    /// inside the caller's transaction: only numbers that still subscribe to the package (or to 5), so a
    /// resident who cancelled in between gets nothing. Crisis rows are back-dated like the first snapshot.
    /// SMS only: a failed e-mail is an address the mail server refused for good (marked bounced, so
    /// not used again until its resident confirms it), and sending it again would fail the same way.
    /// </summary>
    public static async Task<int> SnapshotFailedAsync(
        DbConnection connection, DbTransaction transaction, long fromCampaignId, long campaignId, int packageId, DateTimeOffset due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var count = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO outbox (campaign_id, channel, address, status, next_attempt_at_ms, updated_at_ms)
            SELECT @campaignId, o.channel, o.address, 'pending', @firstAttempt, @nowMs
            FROM outbox o
            WHERE o.campaign_id = @fromCampaignId AND {FailedSms} AND {SubscriberAudience.StillSubscribed("o.channel", "o.address")}
            """,
            new
            {
                campaignId, fromCampaignId, PackageId = packageId, Everything = TopicPackages.Everything, nowMs,
                firstAttempt = packageId == TopicPackages.Crisis ? 0 : due.ToUnixTimeMilliseconds(),
            },
            transaction, cancellationToken: cancellationToken));
        await CampaignTransitions.StartResendAsync(connection, transaction, campaignId, fromCampaignId, count, nowMs, cancellationToken);
        return count;
    }
}
