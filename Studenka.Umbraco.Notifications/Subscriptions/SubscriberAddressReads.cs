using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>A typed street of one address (subscriber, position), with its part as the register names it.</summary>
internal sealed record TypedStreet(long SubscriberId, long Position, long PartId, long PartCode, string PartName, string Text);

/// <summary>
/// The residents' addresses are Subscriptions' table; what Areas needs to know of them (after a
/// RÚIAN import, for the mapping screens, in a campaign's preview) it reads through these operations.
/// They join the town's parts, streets and address points only to name and check the addresses.
/// Counts and typed names, never phones.
/// </summary>
internal static class SubscriberAddressReads
{
    /// <summary>How many addresses use each street (streets without any are missing).</summary>
    public static async Task<Dictionary<long, int>> CountByStreetAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long StreetId, long Addresses)>(new CommandDefinition(
            "SELECT street_id, COUNT(*) FROM subscriber_addresses WHERE street_id IS NOT NULL GROUP BY street_id",
            transaction: transaction, cancellationToken: cancellationToken)))
        .ToDictionary(r => r.StreetId, r => (int)r.Addresses);

    /// <summary>Every typed street (in one part, or everywhere), one row per address.</summary>
    public static async Task<List<TypedStreet>> TypedStreetsAsync(DbConnection connection, DbTransaction? transaction, long? partId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TypedStreet>(new CommandDefinition("""
            SELECT a.subscriber_id AS SubscriberId, a.position AS Position, p.id AS PartId, p.ruian_code AS PartCode, p.name AS PartName, a.street_text AS Text
            FROM subscriber_addresses a JOIN city_parts p ON p.id = a.city_part_id
            WHERE a.street_text IS NOT NULL AND (@partId IS NULL OR a.city_part_id = @partId)
            ORDER BY a.subscriber_id, a.position
            """, new { partId }, transaction, cancellationToken: cancellationToken))).ToList();

    /// <summary>
    /// Addresses of a campaign's would-be recipients in its area that still need mapping: on a street
    /// the register lacks, or typed (a typed street is reached by its part, never by a street campaign).
    /// </summary>
    public static Task<int> CountNeedingMappingAsync(DbConnection connection, SqlDialect d, int packageId, IReadOnlyList<long> partIds, IReadOnlyList<long> streetIds, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition($"""
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

    /// <remarks>
    /// House numbers no address point of the register has on that street and part. Checked only where
    /// the register's points of that part are known, and not for addresses that still need mapping
    /// (their street has no points yet). A bare number may be the číslo popisné or the číslo
    /// orientační; a typed kind (č. p. / č. ev.) must agree with the point's.
    /// </remarks>
    public static async Task<IReadOnlyList<HouseNumberMismatch>> HouseNumberMismatchesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
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
