using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// What the delivery status endpoint shows: whether delivery sends (one state for every node), why
/// not, on which node the pause was met, how much waits, and every node's last heartbeat. The
/// top-level pause is SMS's; <see cref="EmailPause"/> is e-mail's own (null while e-mail sends).
/// </summary>
public sealed record DeliveryStatusView(
    bool Paused, string? Kind, string? Reason, DateTimeOffset? Since, DateTimeOffset? RetriesAt, int Backlog, string? PausedByNode, IReadOnlyList<DeliveryNodeView> Nodes,
    DeliveryPauseView? EmailPause = null);

/// <summary>One channel's pause as the status shows it.</summary>
public sealed record DeliveryPauseView(string Kind, string Reason, DateTimeOffset Since, DateTimeOffset? RetriesAt, string PausedByNode);

/// <summary>The operator's view of and hand on the dispatcher (status, resume after a pause).</summary>
public sealed class DeliveryAdministration(DeliveryStatus status, DeliveryProgressQuery progress, DeliveryHeartbeat heartbeat, DeliverySignal signal, AuditLog audit)
{
    public const string ResumeAction = "delivery.resume";

    public const string ResumeEmailAction = "delivery.email.resume";

    public async Task<DeliveryStatusView> StatusAsync(CancellationToken cancellationToken)
    {
        var pause = await status.CurrentAsync(cancellationToken);
        var backlog = await progress.BacklogAsync(cancellationToken);
        var nodes = await heartbeat.NodesAsync(cancellationToken);
        var email = await status.CurrentAsync(OutboxChannel.Email, cancellationToken);
        return new DeliveryStatusView(pause is not null, pause?.Kind.ToString(), pause?.Reason, pause?.Since, pause?.RetriesAt, backlog, pause?.NodeId, nodes,
            email is null ? null : new DeliveryPauseView(email.Kind.ToString(), email.Reason, email.Since, email.RetriesAt, email.NodeId));
    }

    /// <summary>Ends the e-mail pause on every node (audited like the SMS resume); SMS is not touched.</summary>
    public async Task<DeliveryStatusView> ResumeEmailAsync(OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var ended = await status.ResumeAsync(OutboxChannel.Email, cancellationToken);
        var details = ended is null ? "e-mail delivery was not paused" : $"{ended.Kind} since {ended.Since:O} (node {ended.NodeId}): {ended.Reason}";
        await audit.AppendAsync(actor, ResumeEmailAction, subject: null, details, cancellationToken);
        signal.Wake();
        return await StatusAsync(cancellationToken);
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
