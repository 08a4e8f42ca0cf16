using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>What the delivery status endpoint shows: whether this node sends, why not, and how much waits.</summary>
public sealed record DeliveryStatusView(bool Paused, string? Kind, string? Reason, DateTimeOffset? Since, DateTimeOffset? RetriesAt, int Backlog);

/// <summary>The operator's view of and hand on the dispatcher (status, resume after a pause).</summary>
public sealed class DeliveryAdministration(DeliveryStatus status, DeliveryProgressQuery progress, DeliverySignal signal, AuditLog audit)
{
    public const string ResumeAction = "delivery.resume";

    public async Task<DeliveryStatusView> StatusAsync(CancellationToken cancellationToken)
    {
        var pause = status.Current;
        var backlog = await progress.BacklogAsync(cancellationToken);
        return new DeliveryStatusView(pause is not null, pause?.Kind.ToString(), pause?.Reason, pause?.Since, pause?.RetriesAt, backlog);
    }

    /// <summary>Ends a pause (audited, also when there was none, so the log shows every attempt) and wakes the worker.</summary>
    public async Task<DeliveryStatusView> ResumeAsync(OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var ended = status.Resume();
        var details = ended is null ? "delivery was not paused" : $"{ended.Kind} since {ended.Since:O}: {ended.Reason}";
        await audit.AppendAsync(actor, ResumeAction, subject: null, details, cancellationToken);
        signal.Wake();
        return await StatusAsync(cancellationToken);
    }
}
