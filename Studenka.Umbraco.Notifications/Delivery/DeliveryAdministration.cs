using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// What the delivery status endpoint shows: whether delivery sends (one state for every node), why
/// not, on which node the pause was met, how much waits, and every node's last heartbeat.
/// </summary>
public sealed record DeliveryStatusView(
    bool Paused, string? Kind, string? Reason, DateTimeOffset? Since, DateTimeOffset? RetriesAt, int Backlog, string? PausedByNode, IReadOnlyList<DeliveryNodeView> Nodes);

/// <summary>The operator's view of and hand on the dispatcher (status, resume after a pause).</summary>
public sealed class DeliveryAdministration(DeliveryStatus status, DeliveryProgressQuery progress, DeliveryHeartbeat heartbeat, DeliverySignal signal, AuditLog audit)
{
    public const string ResumeAction = "delivery.resume";

    public async Task<DeliveryStatusView> StatusAsync(CancellationToken cancellationToken)
    {
        var pause = await status.CurrentAsync(cancellationToken);
        var backlog = await progress.BacklogAsync(cancellationToken);
        var nodes = await heartbeat.NodesAsync(cancellationToken);
        return new DeliveryStatusView(pause is not null, pause?.Kind.ToString(), pause?.Reason, pause?.Since, pause?.RetriesAt, backlog, pause?.NodeId, nodes);
    }

    /// <summary>Ends the pause on every node (audited, also when there was none, so the log shows every attempt) and wakes this node's worker.</summary>
    public async Task<DeliveryStatusView> ResumeAsync(OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var ended = await status.ResumeAsync(cancellationToken);
        var details = ended is null ? "delivery was not paused" : $"{ended.Kind} since {ended.Since:O} (node {ended.NodeId}): {ended.Reason}";
        await audit.AppendAsync(actor, ResumeAction, subject: null, details, cancellationToken);
        signal.Wake();
        return await StatusAsync(cancellationToken);
    }
}
