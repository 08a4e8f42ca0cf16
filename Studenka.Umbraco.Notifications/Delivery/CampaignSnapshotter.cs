using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Freezes the recipients of every due campaign into the outbox: from here on, sign-ups and address
/// changes no longer change who receives it (a cancellation still removes a phone that was not sent yet).
/// </summary>
public sealed class CampaignSnapshotter(IDbConnectionFactory connections, TimeProvider time, ILogger<CampaignSnapshotter> logger)
{
    /// <summary>Snapshots every campaign due now; returns how many this call took.</summary>
    public async Task<int> SnapshotDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> due;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM campaigns WHERE state = 'scheduled' AND due_at_ms <= @Now ORDER BY due_at_ms, id",
                new { Now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))).ToList();
        }

        var taken = 0;
        foreach (var id in due)
        {
            taken += await SnapshotAsync(id, cancellationToken) ? 1 : 0;
        }

        return taken;
    }

    /// <summary>
    /// One transaction: the state change and the rows exist together or not at all. The conditional
    /// update makes this node the only one to snapshot the campaign; another node gets 0 rows and skips.
    /// </summary>
    private async Task<bool> SnapshotAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET state = 'sending', snapshot_at_ms = @Now, updated_at_ms = @Now WHERE id = @id AND state = 'scheduled'",
            new { id, Now = nowMs }, transaction, cancellationToken: cancellationToken));
        if (taken == 0)
        {
            return false;
        }

        var audience = await AudienceAsync(connection, transaction, id, cancellationToken);
        var count = await RecipientTargeting.SnapshotAsync(connection, transaction, id, audience, now, cancellationToken);

        // Nobody to tell is not a failure of delivery: the campaign is done, and its count of 0 says why.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET recipient_count = @count,
                state = CASE WHEN @count = 0 THEN 'sent' ELSE state END,
                finished_at_ms = CASE WHEN @count = 0 THEN @Now ELSE finished_at_ms END
            WHERE id = @id
            """,
            new { id, count, Now = nowMs }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} snapshotted: {Count} recipients", id, count);
        return true;
    }

    private static async Task<CampaignAudience> AudienceAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        var packageId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT package_id FROM campaigns WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var parts = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT city_part_id FROM campaign_city_parts WHERE campaign_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var streets = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT street_id FROM campaign_streets WHERE campaign_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return new CampaignAudience((int)packageId, parts.ToList(), streets.ToList());
    }
}
