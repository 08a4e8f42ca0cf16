using System.Data.Common;
using Dapper;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// Keeps the register's address points of the municipality equal to the file's: inserted, updated
/// where they changed, removed where the file no longer has them. A file without the address-point
/// columns leaves them as they were.
/// </summary>
internal static class RuianAddressPointWriter
{
    // One prepared command for all rows: a whole town's file has tens of thousands of points, and
    // building a command per row (as Dapper does for a list) takes seconds.
    private static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PointRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO address_points (adm_code, city_part_id, street_id, building_kind, building_number, orientation_number, orientation_letter)
            VALUES (@adm, @part, @street, @kind, @building, @orientation, @letter)
            ON CONFLICT (adm_code) DO UPDATE SET city_part_id = excluded.city_part_id, street_id = excluded.street_id,
                building_kind = excluded.building_kind, building_number = excluded.building_number,
                orientation_number = excluded.orientation_number, orientation_letter = excluded.orientation_letter
            """;
        var parameters = new[] { "@adm", "@part", "@street", "@kind", "@building", "@orientation", "@letter" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            object?[] values = [row.AdmCode, row.CityPartId, row.StreetId, row.BuildingKind, row.BuildingNumber, row.OrientationNumber, row.OrientationLetter];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed record PointRow(long AdmCode, long CityPartId, long? StreetId, string BuildingKind, long BuildingNumber, long? OrientationNumber, string? OrientationLetter);

    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, RuianImportPlan plan, Dictionary<long, long> partIds, IReadOnlyList<RegisterStreet> register, CancellationToken cancellationToken)
    {
        if (plan.Points.Count == 0)
        {
            return;
        }

        var streetIds = register.ToDictionary(s => (s.PartCode, s.Name), s => s.Id);
        var municipalityParts = partIds.Values.ToList();
        var existing = (await connection.QueryAsync<PointRow>(new CommandDefinition("""
            SELECT adm_code AS AdmCode, city_part_id AS CityPartId, street_id AS StreetId, building_kind AS BuildingKind,
                   building_number AS BuildingNumber, orientation_number AS OrientationNumber, orientation_letter AS OrientationLetter
            FROM address_points WHERE city_part_id IN @municipalityParts
            """, new { municipalityParts }, transaction, cancellationToken: cancellationToken))).ToDictionary(p => p.AdmCode);
        var wanted = plan.Points.Select(p => new PointRow(
            p.Point.AdmCode, partIds[p.PartCode], p.StreetName is null ? null : streetIds[(p.PartCode, p.StreetName)],
            p.Point.Kind, p.Point.BuildingNumber, p.Point.Orientation, p.Point.OrientationLetter)).ToList();
        var changed = wanted.Where(p => !existing.TryGetValue(p.AdmCode, out var old) || old != p).ToList();
        await UpsertAsync(connection, transaction, changed, cancellationToken);
        var inFile = wanted.Select(p => p.AdmCode).ToHashSet();
        var gone = existing.Keys.Where(code => !inFile.Contains(code)).Select(code => new { code }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM address_points WHERE adm_code = @code", gone, transaction, cancellationToken: cancellationToken));
    }
}
