using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// Keeps the register's address points of the municipality equal to the file's: inserted, updated
/// where they changed, removed where the file no longer has them. A file without the address-point
/// columns leaves them as they were.
/// </summary>
internal static class RuianAddressPointWriter
{
    // One statement for all rows, fed one JSON array: a whole town's file has tens of thousands of
    // points, and even a prepared command executed per row spends ~15 µs a row in ADO.NET (1.5 s for
    // 100,000); SQLite unpacks the array natively (benchmarks/README.md, "import").
    private static async Task UpsertAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // "WHERE true" tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to the SELECT's join.
        // The casts are no-ops on SQLite; PostgreSQL's ->> yields text.
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO address_points (adm_code, city_part_id, street_id, building_kind, building_number, orientation_number, orientation_letter)
            SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), CAST(value ->> 2 AS BIGINT), value ->> 3,
                   CAST(value ->> 4 AS BIGINT), CAST(value ->> 5 AS BIGINT), value ->> 6
            FROM {dialect.JsonArrayElements("@rows")} WHERE true
            ON CONFLICT (adm_code) DO UPDATE SET city_part_id = excluded.city_part_id, street_id = excluded.street_id,
                building_kind = excluded.building_kind, building_number = excluded.building_number,
                orientation_number = excluded.orientation_number, orientation_letter = excluded.orientation_letter
            """, new { rows = Json(rows) }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The rows as a JSON array of arrays, in the column order of the INSERT.</summary>
    private static string Json(IReadOnlyList<PointRow> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Count * 48);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartArray();
                json.WriteNumberValue(row.AdmCode);
                json.WriteNumberValue(row.CityPartId);
                WriteNumberOrNull(json, row.StreetId);
                json.WriteStringValue(row.BuildingKind);
                json.WriteNumberValue(row.BuildingNumber);
                WriteNumberOrNull(json, row.OrientationNumber);
                if (row.OrientationLetter is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(row.OrientationLetter);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private sealed record PointRow(long AdmCode, long CityPartId, long? StreetId, string BuildingKind, long BuildingNumber, long? OrientationNumber, string? OrientationLetter);

    public static async Task WriteAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction transaction, RuianImportPlan plan, Dictionary<long, long> partIds, IReadOnlyList<RegisterStreet> register, CancellationToken cancellationToken)
    {
        if (plan.Points.Count == 0)
        {
            return;
        }

        var streetIds = register.ToDictionary(s => (s.PartCode, s.Name), s => s.Id);
        var municipalityParts = partIds.Values.ToList();
        var existing = (await connection.QueryAsync<PointRow>(new CommandDefinition($"""
            SELECT adm_code AS AdmCode, city_part_id AS CityPartId, street_id AS StreetId, building_kind AS BuildingKind,
                   building_number AS BuildingNumber, orientation_number AS OrientationNumber, orientation_letter AS OrientationLetter
            FROM address_points WHERE {dialect.InList("city_part_id", "@municipalityParts")}
            """, new { municipalityParts }, transaction, cancellationToken: cancellationToken))).ToDictionary(p => p.AdmCode);
        var wanted = plan.Points.Select(p => new PointRow(
            p.Point.AdmCode, partIds[p.PartCode], p.StreetName is null ? null : streetIds[(p.PartCode, p.StreetName)],
            p.Point.Kind, p.Point.BuildingNumber, p.Point.Orientation, p.Point.OrientationLetter)).ToList();
        var changed = wanted.Where(p => !existing.TryGetValue(p.AdmCode, out var old) || old != p).ToList();
        await UpsertAsync(dialect, connection, transaction, changed, cancellationToken);
        var inFile = wanted.Select(p => p.AdmCode).ToHashSet();
        var gone = existing.Keys.Where(code => !inFile.Contains(code)).ToList();
        if (gone.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM address_points WHERE adm_code IN (SELECT CAST(value AS BIGINT) FROM {dialect.JsonArrayElements("@gone")})",
                new { gone = JsonSerializer.Serialize(gone) }, transaction, cancellationToken: cancellationToken));
        }

        // Statistics for the planner: without them the house-number check (AddressReview) searches a
        // street's every point per address instead of the part's one building number, 1–2 s for a
        // town (benchmarks/README.md). Takes tens of milliseconds; the table is otherwise rarely written.
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE address_points", transaction: transaction, cancellationToken: cancellationToken));
    }
}
