using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>One node as its last heartbeat left it; <see cref="Stale"/> when it has not written for three intervals (stopped or hung).</summary>
public sealed record DeliveryNodeView(string NodeId, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, bool WorkerEnabled, bool Paused, int InFlight, bool Stale);

/// <summary>
/// Every node writes its row in <c>delivery_nodes</c> every <see cref="DeliveryOptions.HeartbeatSeconds"/>:
/// when it started, when it was last alive, whether it saw the pause, how many requests it has on the wire.
/// </summary>
public sealed class DeliveryHeartbeat(IDbConnectionFactory connections, DeliveryNode node, DeliveryStatus status, TimeProvider time, IOptions<DeliveryOptions> options)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    // Settable properties: Dapper converts per member, whatever integer width the engine reports.
    private sealed class Row
    {
        public string NodeId { get; init; } = "";

        public long StartedAtMs { get; init; }

        public long LastSeenMs { get; init; }

        public long WorkerEnabled { get; init; }

        public long Paused { get; init; }

        public long InFlight { get; init; }
    }

    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        await status.CurrentAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO delivery_nodes (node_id, lease_owner, started_at_ms, last_seen_ms, worker_enabled, paused, in_flight)
            VALUES (@NodeId, @LeaseOwner, @Started, @Now, @Worker, @Paused, @InFlight)
            ON CONFLICT (node_id) DO UPDATE SET lease_owner = excluded.lease_owner, started_at_ms = excluded.started_at_ms,
                last_seen_ms = excluded.last_seen_ms, worker_enabled = excluded.worker_enabled, paused = excluded.paused, in_flight = excluded.in_flight
            """, new
        {
            node.NodeId,
            node.LeaseOwner,
            Started = _startedAt.ToUnixTimeMilliseconds(),
            Now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Worker = options.Value.WorkerEnabled ? 1 : 0,
            Paused = status.IsPaused ? 1 : 0,
            InFlight = node.InFlight,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Every node that ever beat, this one first, then by name.</summary>
    public async Task<IReadOnlyList<DeliveryNodeView>> NodesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT node_id AS NodeId, started_at_ms AS StartedAtMs, last_seen_ms AS LastSeenMs, worker_enabled AS WorkerEnabled, paused AS Paused, in_flight AS InFlight
            FROM delivery_nodes ORDER BY node_id
            """, cancellationToken: cancellationToken));
        var staleBefore = time.GetUtcNow().ToUnixTimeMilliseconds() - (3_000L * options.Value.HeartbeatSeconds);
        return rows
            .Select(r => new DeliveryNodeView(r.NodeId, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(r.LastSeenMs),
                r.WorkerEnabled == 1, r.Paused == 1, (int)r.InFlight, r.LastSeenMs < staleBefore))
            .OrderBy(n => n.NodeId == node.NodeId ? 0 : 1)
            .ToList();
    }
}

/// <summary>Writes the heartbeat at start and then every interval; a failed write is logged and tried again.</summary>
internal sealed class DeliveryHeartbeatService(DeliveryHeartbeat heartbeat, TimeProvider time, IOptions<DeliveryOptions> options, ILogger<DeliveryHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await heartbeat.BeatAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Delivery heartbeat could not be written; retrying in {Interval}", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
