using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Delivery;

public enum DeliveryPauseKind
{
    /// <summary>Wrong access key or originator: only an operator can fix it.</summary>
    ConfigurationError,

    /// <summary>The provider account ran dry: a top-up fixes it, so the node also retries by itself.</summary>
    InsufficientBalance,
}

/// <summary>Why this node stopped sending, since when, and when it tries again by itself (null = only on resume).</summary>
public sealed record DeliveryPause(DeliveryPauseKind Kind, string Reason, DateTimeOffset Since, DateTimeOffset? RetriesAt);

/// <summary>
/// The dispatcher's brake, per node (each node meets a bad key or an empty account on its own first
/// request). While paused nothing is sent for any campaign; rows wait in the outbox, nothing is lost.
/// </summary>
public sealed class DeliveryStatus(TimeProvider time, IOptions<DeliveryOptions> options, ILogger<DeliveryStatus> logger)
{
    private readonly Lock _lock = new();
    private DeliveryPause? _pause;

    /// <summary>The current pause, or null when sending. A balance pause past its retry time ends here.</summary>
    public DeliveryPause? Current
    {
        get
        {
            lock (_lock)
            {
                if (_pause?.RetriesAt is { } retriesAt && time.GetUtcNow() >= retriesAt)
                {
                    logger.LogWarning("SMS delivery resumes by itself after a balance pause of {Minutes} min; it pauses again if the balance is still exhausted",
                        options.Value.BalanceRetryMinutes);
                    _pause = null;
                }

                return _pause;
            }
        }
    }

    public bool IsPaused => Current is not null;

    public void Pause(DeliveryPauseKind kind, string reason)
    {
        lock (_lock)
        {
            if (_pause is not null)
            {
                return;
            }

            var now = time.GetUtcNow();
            var retryMinutes = options.Value.BalanceRetryMinutes;
            DateTimeOffset? retriesAt = kind == DeliveryPauseKind.InsufficientBalance && retryMinutes > 0 ? now.AddMinutes(retryMinutes) : null;
            _pause = new DeliveryPause(kind, reason, now, retriesAt);
            // The alert: residents are not being told anything until someone acts.
            logger.LogCritical("SMS delivery PAUSED for all campaigns ({Kind}): {Reason}. Pending SMS stay in the outbox; resume with POST umbraco/sms/api/v1/delivery/resume{Retry}",
                kind, reason, retriesAt is null ? "." : $" (automatic retry at {retriesAt:O}).");
        }
    }

    /// <summary>Ends the pause; returns the pause that was ended, or null if delivery was not paused.</summary>
    public DeliveryPause? Resume()
    {
        lock (_lock)
        {
            var ended = _pause;
            _pause = null;
            return ended;
        }
    }
}
