using System.Data.Common;
using Dapper;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// The residents' addresses are Subscriptions' table; Areas moves them through these operations
/// when a street is merged or mapped (RÚIAN reconciliation, an administrator's mapping), in Areas' transaction.
/// </summary>
public static class SubscriberAddressMoves
{
    /// <summary>Moves every address on one street onto another (and that street's part); returns how many.</summary>
    public static Task<int> MoveStreetAsync(DbConnection connection, DbTransaction transaction, long fromStreetId, long toStreetId, long toPartId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscriber_addresses SET street_id = @toStreetId, city_part_id = @toPartId WHERE street_id = @fromStreetId",
            new { fromStreetId, toStreetId, toPartId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Puts typed addresses (subscriber, position) on a register street: the typed name has done its job and is dropped.</summary>
    public static Task<int> MoveTypedAsync(DbConnection connection, DbTransaction transaction, IEnumerable<(long SubscriberId, long Position)> addresses, long toStreetId, long toPartId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscriber_addresses SET street_id = @toStreetId, city_part_id = @toPartId, street_text = NULL WHERE subscriber_id = @SubscriberId AND position = @Position",
            addresses.Select(a => new { toStreetId, toPartId, a.SubscriberId, a.Position }), transaction, cancellationToken: cancellationToken));
}
