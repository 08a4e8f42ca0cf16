using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>What one pass did, for logs and tests.</summary>
public sealed record DeliveryPass(int LeasesResolved, int CampaignsSnapshotted, int Requests, int CampaignsCompleted);

/// <summary>
/// One delivery pass: resolve dead leases, snapshot due campaigns, send until nothing is claimable
/// now (service messages first), close finished campaigns, purge old service messages. The worker
/// repeats it; tests call it to drive delivery step by step.
/// </summary>
public sealed class DeliveryRunner(
    LeaseRecovery leases,
    CampaignSnapshotter snapshotter,
    OutboxDispatcher dispatcher,
    CampaignCompletion completion,
    DeliverySignal signal,
    OutboxOperations outbox,
    DeliveryStatus status,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryRunner> logger)
{
    public async Task<DeliveryPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        // This node's view of the shared pause (a resume on another node, a balance pause that expired).
        await status.CurrentAsync(cancellationToken);
        var resolved = await leases.ResolveExpiredAsync(cancellationToken);
        var snapshotted = await snapshotter.SnapshotDueAsync(cancellationToken);
        var requests = await dispatcher.DispatchAsync(async ct =>
        {
            // A campaign sent "now" while a long one is in flight is snapshotted at once, not after it.
            if (signal.TryConsume())
            {
                snapshotted += await snapshotter.SnapshotDueAsync(ct);
            }
        }, cancellationToken);
        var completed = await completion.CompleteAsync(cancellationToken);
        await outbox.PurgeServiceMessagesAsync(time.GetUtcNow().AddDays(-options.Value.ServiceMessageRetentionDays), cancellationToken);
        var pass = new DeliveryPass(resolved, snapshotted, requests, completed);
        if (pass != new DeliveryPass(0, 0, 0, 0))
        {
            logger.LogInformation("Delivery pass: {Pass}", pass);
        }

        return pass;
    }
}
