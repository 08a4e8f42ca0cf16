using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>How many active subscribers each city part and street has (a resident counts once per part and per street, however many of their addresses lie there).</summary>
public sealed record AreaSubscriberCountsView(IReadOnlyDictionary<long, long> ByCityPart, IReadOnlyDictionary<long, long> ByStreet);

/// <summary>
/// Subscriptions owns the residents' tables; Areas asks it for counts (never for who) through this
/// read operation. Pending sign-ups are not counted: they receive nothing until they confirm.
/// </summary>
public sealed class AreaSubscriberCounts(IDbConnectionFactory connections)
{
    public async Task<AreaSubscriberCountsView> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parts = await connection.QueryAsync<(long Id, long Count)>(new CommandDefinition("""
            SELECT a.city_part_id, COUNT(DISTINCT a.subscriber_id)
            FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id
            WHERE s.status = 'active'
            GROUP BY a.city_part_id
            """, cancellationToken: cancellationToken));
        var streets = await connection.QueryAsync<(long Id, long Count)>(new CommandDefinition("""
            SELECT a.street_id, COUNT(DISTINCT a.subscriber_id)
            FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id
            WHERE s.status = 'active' AND a.street_id IS NOT NULL
            GROUP BY a.street_id
            """, cancellationToken: cancellationToken));
        return new AreaSubscriberCountsView(parts.ToDictionary(p => p.Id, p => p.Count), streets.ToDictionary(s => s.Id, s => s.Count));
    }
}
