using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>A message to one resident outside any campaign: a code, a notice, a confirmation, a STOP/START answer.</summary>
public sealed record ServiceMessage(string Address, string Body, string Channel = OutboxChannel.Sms);

/// <summary>
/// What other features may do to the outbox (Delivery owns the table): put a service message in
/// the priority lane, cancel a campaign's waiting rows, forget an address. The static operations
/// run in the caller's transaction, so the caller's change and the outbox's commit together.
/// </summary>
public sealed class OutboxOperations(IDbConnectionFactory connections, DeliverySignal signal, TimeProvider time)
{
    /// <summary>
    /// Queues a service message in the caller's transaction: a code issued and its SMS exist together
    /// or not at all. Call <see cref="Wake"/> after the commit so it leaves at once, not at the next poll.
    /// </summary>
    public static Task EnqueueServiceAsync(DbConnection connection, DbTransaction? transaction, ServiceMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (lane, campaign_id, channel, address, body, status, next_attempt_at_ms, created_at_ms, updated_at_ms)
            VALUES ('service', NULL, @Channel, @Address, @Body, 'pending', @Now, @Now, @Now)
            """, new { message.Channel, message.Address, message.Body, Now = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));

    /// <summary>Queues a service message on its own and wakes the worker.</summary>
    public async Task EnqueueServiceAsync(ServiceMessage message, CancellationToken cancellationToken)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await EnqueueServiceAsync(connection, null, message, time.GetUtcNow(), cancellationToken);
        }

        Wake();
    }

    /// <summary>Wakes this node's worker: a service message was committed.</summary>
    public void Wake() => signal.Wake();

    /// <summary>
    /// A campaign stopped mid-way: its rows still waiting are cancelled, also those a worker has
    /// claimed but not yet put on the wire (its mark-sending UPDATE then finds nothing); only rows
    /// already 'sending' finish as they are.
    /// </summary>
    public static Task<int> CancelPendingAsync(DbConnection connection, DbTransaction transaction, long campaignId, long nowMs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET status = 'cancelled', lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @nowMs WHERE campaign_id = @campaignId AND status IN ('pending', 'claimed')",
            new { campaignId, nowMs }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// A resident left: nothing waiting is sent to the address any more. Rows claimed or sending keep
    /// it until they finish (they may be on the wire); finished campaign rows stay as the campaign's
    /// delivery record but lose the address, and finished service messages go, as the privacy text promises.
    /// </summary>
    public static async Task ForgetAddressAsync(DbConnection connection, DbTransaction transaction, string channel, string address, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE channel = @channel AND address = @address AND (status = 'pending' OR (lane = 'service' AND status IN ('accepted', 'failed', 'unknown', 'cancelled')))",
            new { channel, address }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET address = 'deleted:' || id WHERE channel = @channel AND address = @address AND status IN ('accepted', 'failed', 'unknown', 'cancelled')",
            new { channel, address }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Finished service messages older than the retention: they carry numbers and codes, and nothing needs them after a while.</summary>
    public async Task<int> PurgeServiceMessagesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE lane = 'service' AND updated_at_ms < @before AND status IN ('accepted', 'failed', 'unknown', 'cancelled')",
            new { before = olderThan.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }
}
