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

    /// <summary>
    /// Addresses of the campaign's would-be recipients in its area that still need mapping: on a street
    /// the register lacks, or typed (a typed street is reached by its part, never by a street campaign).
    /// </summary>
    public async Task<int> CountNeedingMappingAsync(int packageId, IReadOnlyList<long> partIds, IReadOnlyList<long> streetIds, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var d = connections.Dialect;
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"""
            SELECT COUNT(*) FROM subscriber_addresses a
            JOIN subscribers s ON s.id = a.subscriber_id AND s.status = 'active'
            LEFT JOIN streets st ON st.id = a.street_id
            WHERE (a.street_text IS NOT NULL OR st.needs_mapping = 1)
              AND EXISTS (SELECT 1 FROM subscriber_packages sp WHERE sp.subscriber_id = s.id AND sp.package_id IN (@packageId, @Everything))
              AND (@WholeTown = 1
                   OR {d.InList("a.city_part_id", "@partIds")}
                   OR {d.InList("a.street_id", "@streetIds")}
                   OR (a.street_text IS NOT NULL AND a.city_part_id IN (SELECT city_part_id FROM streets WHERE {d.InList("id", "@streetIds")})))
            """, new { packageId, Everything = TopicPackages.Everything, WholeTown = partIds.Count == 0 && streetIds.Count == 0 ? 1 : 0, partIds, streetIds },
            cancellationToken: cancellationToken));
    }

    internal static async Task<AddressesNeedingMapping> NeedingMappingAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var streets = await connection.QueryAsync<(long Id, string Name, long PartId, string PartName, string Source, long Addresses)>(new CommandDefinition("""
            SELECT st.id, st.name, p.id, p.name, st.source, (SELECT COUNT(*) FROM subscriber_addresses a WHERE a.street_id = st.id)
            FROM streets st JOIN city_parts p ON p.id = st.city_part_id
            WHERE st.needs_mapping = 1
            ORDER BY p.name, st.name
            """, transaction: transaction, cancellationToken: cancellationToken));
        var typed = await TypedStreetsAsync(connection, transaction, null, cancellationToken);
        var unlisted = typed
            .GroupBy(t => (t.PartId, Key: StreetNames.Key(t.Text)))
            .Select(g => new UnlistedStreet(g.Key.PartId, g.First().PartName,
                g.GroupBy(t => t.Text).OrderByDescending(n => n.Count()).First().Key, g.Count()))
            .OrderBy(u => u.CityPartName, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        return new AddressesNeedingMapping(
            streets.Select(s => new StreetNeedingMapping(s.Id, s.Name, s.PartId, s.PartName, s.Source, (int)s.Addresses)).ToList(), unlisted);
    }

    internal sealed record TypedStreet(long SubscriberId, long Position, long PartId, long PartCode, string PartName, string Text);

    /// <summary>Every typed street (in one part, or everywhere), one row per address.</summary>
    internal static async Task<List<TypedStreet>> TypedStreetsAsync(DbConnection connection, DbTransaction? transaction, long? partId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TypedStreet>(new CommandDefinition("""
            SELECT a.subscriber_id AS SubscriberId, a.position AS Position, p.id AS PartId, p.ruian_code AS PartCode, p.name AS PartName, a.street_text AS Text
            FROM subscriber_addresses a JOIN city_parts p ON p.id = a.city_part_id
            WHERE a.street_text IS NOT NULL AND (@partId IS NULL OR a.city_part_id = @partId)
            ORDER BY a.subscriber_id, a.position
            """, new { partId }, transaction, cancellationToken: cancellationToken))).ToList();

    /// <remarks>
    /// Checked only where the register's points of that part are known, and not for addresses that
    /// still need mapping (their street has no points yet). A bare number may be the číslo popisné
    /// or the číslo orientační; a typed kind (č. p. / č. ev.) must agree with the point's.
    /// </remarks>
    internal static async Task<IReadOnlyList<HouseNumberMismatch>> HouseNumberMismatchesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long PartId, string PartName, long? StreetId, string? StreetName, string HouseNumber, long Addresses)>(new CommandDefinition("""
            SELECT a.city_part_id, p.name, a.street_id, st.name, a.house_number, COUNT(*)
            FROM subscriber_addresses a
            JOIN city_parts p ON p.id = a.city_part_id
            LEFT JOIN streets st ON st.id = a.street_id
            WHERE a.house_number IS NOT NULL AND a.street_text IS NULL
              AND (a.street_id IS NULL OR st.needs_mapping = 0)
              AND EXISTS (SELECT 1 FROM address_points ap WHERE ap.city_part_id = a.city_part_id)
              AND NOT EXISTS (SELECT 1 FROM address_points ap
                  WHERE ap.city_part_id = a.city_part_id AND ap.street_id IS NOT DISTINCT FROM a.street_id
                    AND ((a.house_building IS NOT NULL AND ap.building_number = a.house_building
                          AND (a.house_kind IS NULL OR ap.building_kind = a.house_kind)
                          AND (a.house_orientation IS NULL OR (ap.orientation_number = a.house_orientation AND ap.orientation_letter IS NOT DISTINCT FROM a.house_orientation_letter)))
                      OR (a.house_building IS NULL AND ap.orientation_number = a.house_orientation AND ap.orientation_letter IS NOT DISTINCT FROM a.house_orientation_letter)
                      OR (a.house_kind IS NULL AND a.house_orientation IS NULL AND ap.orientation_number = a.house_building AND ap.orientation_letter IS NULL)))
            GROUP BY a.city_part_id, p.name, a.street_id, st.name, a.house_number
            ORDER BY p.name, st.name, a.house_number
            """, transaction: transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new HouseNumberMismatch(r.PartId, r.PartName, r.StreetId, r.StreetName, r.HouseNumber, (int)r.Addresses)).ToList();
    }
}
