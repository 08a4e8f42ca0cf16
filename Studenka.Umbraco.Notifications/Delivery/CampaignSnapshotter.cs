using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Freezes the recipients of every due campaign into the outbox: from here on, sign-ups and address
/// changes no longer change who receives it (a cancellation still removes a phone that was not sent yet).
/// The campaign's state changes are Campaigns' operations (<see cref="CampaignTransitions"/>).
/// </summary>
public sealed class CampaignSnapshotter(IDbConnectionFactory connections, TimeProvider time, ILogger<CampaignSnapshotter> logger)
{
    private readonly CampaignTransitions _campaigns = new(connections);

    /// <summary>Snapshots every campaign due now; returns how many this call took.</summary>
    public async Task<int> SnapshotDueAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var id in await _campaigns.DueAsync(time.GetUtcNow(), cancellationToken))
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
        if (!await CampaignTransitions.StartSendingAsync(connection, transaction, id, nowMs, cancellationToken))
        {
            return false;
        }

        var audience = await CampaignTransitions.AudienceAsync(connection, transaction, id, cancellationToken);
        var count = await RecipientTargeting.SnapshotAsync(connection, transaction, id, audience, now, cancellationToken);
        await CampaignTransitions.RecordRecipientsAsync(connection, transaction, id, count, nowMs, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} snapshotted: {Count} recipients", id, count);
        return true;
    }
}
