using Dapper;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Resolves rows whose worker is gone. 'claimed' never left, so it goes back to the queue;
/// 'sending' may have left, so it becomes 'unknown': counted and shown, never silently resent.
/// </summary>
public sealed class LeaseRecovery(IDbConnectionFactory connections, DeliveryNode node, TimeProvider time, ILogger<LeaseRecovery> logger)
{
    public const string CrashError = "outcome unknown after worker crash";

    private static readonly string ResolveSql = $"""
        UPDATE outbox SET
            status = CASE WHEN status = 'sending' THEN 'unknown'
                          WHEN {OutboxClaims.StillWanted} THEN 'pending'
                          ELSE 'cancelled' END,
            error = CASE WHEN status = 'sending' THEN @CrashError ELSE error END,
            lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
        WHERE status IN ('claimed', 'sending') AND (
            lease_until_ms < @Now
            OR (@Restarted = 1 AND substr(lease_owner, 1, length(@NodePrefix)) = @NodePrefix AND lease_owner <> @Owner))
        """;

    /// <summary>Rows whose lease expired, whoever held them.</summary>
    public Task<int> ResolveExpiredAsync(CancellationToken cancellationToken) => ResolveAsync(restarted: false, cancellationToken);

    /// <summary>
    /// At start, also rows this node's earlier process held, without waiting for their lease: one
    /// NodeId runs one process, so that process is dead. This is why NodeId must be unique per node.
    /// </summary>
    public Task<int> ResolveAfterRestartAsync(CancellationToken cancellationToken) => ResolveAsync(restarted: true, cancellationToken);

    private async Task<int> ResolveAsync(bool restarted, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var resolved = await connection.ExecuteAsync(new CommandDefinition(ResolveSql, new
        {
            CrashError,
            Now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Restarted = restarted ? 1 : 0,
            node.NodePrefix,
            Owner = node.LeaseOwner,
        }, cancellationToken: cancellationToken));
        if (resolved > 0)
        {
            logger.LogWarning("Resolved {Count} outbox rows left by a stopped worker (claimed -> pending, sending -> unknown)", resolved);
        }

        return resolved;
    }
}
