using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Areas;

/// <summary>
/// What administrators must look at after a RÚIAN import: streets and typed street names that still
/// need mapping, and house numbers the register does not know. Reads only; counts, never phones.
/// </summary>
public sealed class AddressReview(IDbConnectionFactory connections)
{
    public async Task<AddressesNeedingMapping> NeedingMappingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await NeedingMappingAsync(connection, null, cancellationToken);
    }

    public async Task<IReadOnlyList<HouseNumberMismatch>> HouseNumberMismatchesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await HouseNumberMismatchesAsync(connection, null, cancellationToken);
    }

    /// <summary>Addresses of the campaign's would-be recipients in its area that still need mapping (Subscriptions counts them).</summary>
    public async Task<int> CountNeedingMappingAsync(int packageId, IReadOnlyList<long> partIds, IReadOnlyList<long> streetIds, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SubscriberAddressReads.CountNeedingMappingAsync(connection, connections.Dialect, packageId, partIds, streetIds, cancellationToken);
    }

    internal static async Task<AddressesNeedingMapping> NeedingMappingAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var streets = await connection.QueryAsync<(long Id, string Name, long PartId, string PartName, string Source)>(new CommandDefinition("""
            SELECT st.id, st.name, p.id, p.name, st.source
            FROM streets st JOIN city_parts p ON p.id = st.city_part_id
            WHERE st.needs_mapping = 1
            ORDER BY p.name, st.name
            """, transaction: transaction, cancellationToken: cancellationToken));
        var addresses = await SubscriberAddressReads.CountByStreetAsync(connection, transaction, cancellationToken);
        var typed = await SubscriberAddressReads.TypedStreetsAsync(connection, transaction, null, cancellationToken);
        var unlisted = typed
            .GroupBy(t => (t.PartId, Key: StreetNames.Key(t.Text)))
            .Select(g => new UnlistedStreet(g.Key.PartId, g.First().PartName,
                g.GroupBy(t => t.Text).OrderByDescending(n => n.Count()).First().Key, g.Count()))
            .OrderBy(u => u.CityPartName, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        return new AddressesNeedingMapping(
            streets.Select(s => new StreetNeedingMapping(s.Id, s.Name, s.PartId, s.PartName, s.Source, addresses.GetValueOrDefault(s.Id))).ToList(), unlisted);
    }

    /// <summary>House numbers residents gave that the register does not know (Subscriptions reads them).</summary>
    internal static Task<IReadOnlyList<HouseNumberMismatch>> HouseNumberMismatchesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        SubscriberAddressReads.HouseNumberMismatchesAsync(connection, transaction, cancellationToken);
}
