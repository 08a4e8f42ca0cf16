using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

public enum DeliveryPauseKind
{
    /// <summary>Wrong access key or originator: only an operator can fix it.</summary>
    ConfigurationError,

    /// <summary>The provider account ran dry: a top-up fixes it, so delivery also retries by itself.</summary>
    InsufficientBalance,
}

/// <summary>Why delivery stopped, since when, on which node it was met, and when it tries again by itself (null = only on resume).</summary>
public sealed record DeliveryPause(DeliveryPauseKind Kind, string Reason, DateTimeOffset Since, DateTimeOffset? RetriesAt, string NodeId = "");

/// <summary>
/// The dispatcher's brake, shared by every node through the database (one row per channel): a bad
/// key or an empty account met by one node pauses all of them, and a resume on any node resumes all.
/// While paused nothing of that channel is sent, in either lane; rows wait in the outbox, nothing is
/// lost. Each channel has its own pause: a refused SMTP login stops e-mail, never SMS. The methods
/// without a channel are SMS's.
/// <see cref="IsPaused"/> is this node's last reading (refreshed by <see cref="CurrentAsync"/> at every
/// delivery pass and heartbeat; the claim itself checks the row), so the check between two gateway
/// requests costs no query.
/// </summary>
public sealed class DeliveryStatus(IDbConnectionFactory connections, DeliveryNode node, TimeProvider time, IOptions<DeliveryOptions> options, ILogger<DeliveryStatus> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DeliveryPause?> _known = new(StringComparer.Ordinal);

    private sealed class Row
    {
        public string Kind { get; init; } = "";

        public string Reason { get; init; } = "";

        public string NodeId { get; init; } = "";

        public long SinceMs { get; init; }

        public long? RetriesAtMs { get; init; }
    }

    /// <summary>The last known state on this node (no query); a balance pause past its retry time no longer holds.</summary>
    public bool IsPaused => IsPausedFor(OutboxChannel.Sms);

    /// <summary>The last known state of one channel on this node (no query).</summary>
    public bool IsPausedFor(string channel) =>
        _known.GetValueOrDefault(channel) is { } pause && (pause.RetriesAt is null || time.GetUtcNow() < pause.RetriesAt);

    /// <summary>The current SMS pause, or null when sending. A balance pause past its retry time ends here, for every node.</summary>
    public Task<DeliveryPause?> CurrentAsync(CancellationToken cancellationToken) => CurrentAsync(OutboxChannel.Sms, cancellationToken);

    /// <summary>The channel's current pause, or null when it sends.</summary>
    public async Task<DeliveryPause?> CurrentAsync(string channel, CancellationToken cancellationToken)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT kind AS Kind, reason AS Reason, node_id AS NodeId, since_ms AS SinceMs, retries_at_ms AS RetriesAtMs FROM delivery_pause WHERE channel = @channel",
            new { channel }, cancellationToken: cancellationToken));
        if (row?.RetriesAtMs is { } retriesAt && nowMs >= retriesAt)
        {
            var ended = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM delivery_pause WHERE channel = @channel AND retries_at_ms = @retriesAt", new { channel, retriesAt }, cancellationToken: cancellationToken));
            if (ended > 0)
            {
                logger.LogWarning("{Channel} delivery resumes by itself after a balance pause of {Minutes} min; it pauses again if the balance is still exhausted",
                    channel, options.Value.BalanceRetryMinutes);
            }

            row = null;
        }

        var known = row is null ? null : new DeliveryPause(Enum.Parse<DeliveryPauseKind>(row.Kind), row.Reason, DateTimeOffset.FromUnixTimeMilliseconds(row.SinceMs),
            row.RetriesAtMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null, row.NodeId);
        _known[channel] = known;
        return known;
    }

    /// <summary>
    /// Pauses every node. A pause in force (met first by another worker or node) stays as it is; a
    /// balance pause past its retry time is replaced (the retry met an empty account again).
    /// </summary>
    public Task PauseAsync(DeliveryPauseKind kind, string reason, CancellationToken cancellationToken) =>
        PauseAsync(OutboxChannel.Sms, kind, reason, cancellationToken);

    /// <summary>Pauses one channel on every node; the other channels go on.</summary>
    public async Task PauseAsync(string channel, DeliveryPauseKind kind, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var retryMinutes = options.Value.BalanceRetryMinutes;
        DateTimeOffset? retriesAt = kind == DeliveryPauseKind.InsufficientBalance && retryMinutes > 0 ? now.AddMinutes(retryMinutes) : null;
        _known[channel] = new DeliveryPause(kind, reason, now, retriesAt, node.NodeId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var first = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO delivery_pause (channel, kind, reason, node_id, since_ms, retries_at_ms) VALUES (@channel, @Kind, @reason, @NodeId, @Since, @RetriesAt)
            ON CONFLICT (channel) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, node_id = excluded.node_id,
                since_ms = excluded.since_ms, retries_at_ms = excluded.retries_at_ms
            WHERE delivery_pause.retries_at_ms IS NOT NULL AND delivery_pause.retries_at_ms <= excluded.since_ms
            """, new { channel, Kind = kind.ToString(), reason, node.NodeId, Since = now.ToUnixTimeMilliseconds(), RetriesAt = retriesAt?.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        if (first == 1)
        {
            // The alert: residents are not being told anything until someone acts.
            logger.LogCritical("{Channel} delivery PAUSED on every node ({Kind}): {Reason}. Pending messages stay in the outbox; resume with POST umbraco/sms/api/v1/delivery/{Resume}{Retry}",
                channel, kind, reason, channel == OutboxChannel.Sms ? "resume" : "email/resume", retriesAt is null ? "." : $" (automatic retry at {retriesAt:O}).");
        }
    }

    /// <summary>Ends the pause on every node; returns the pause that was ended, or null if delivery was not paused.</summary>
    public Task<DeliveryPause?> ResumeAsync(CancellationToken cancellationToken) => ResumeAsync(OutboxChannel.Sms, cancellationToken);

    /// <summary>Ends one channel's pause on every node.</summary>
    public async Task<DeliveryPause?> ResumeAsync(string channel, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(channel, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM delivery_pause WHERE channel = @channel", new { channel }, cancellationToken: cancellationToken));
        _known[channel] = null;
        return current;
    }
}
