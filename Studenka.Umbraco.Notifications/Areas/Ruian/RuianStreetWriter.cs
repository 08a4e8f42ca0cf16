using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>A street of the file as stored: the row that now stands for it.</summary>
internal sealed record RegisterStreet(long Id, long PartId, long PartCode, string PartName, string Name)
{
    public string Key { get; } = StreetNames.Key(Name);
}

/// <summary>A stored street of the municipality before the import, with how many addresses use it.</summary>
internal sealed record StoredStreet(long Id, long CityPartId, long PartCode, string PartName, string Name, long? RuianCode, string Source, long IsActive, long NeedsMapping, long Addresses)
{
    public bool Active => IsActive == 1;
}

internal sealed record StreetChanges(int Added, int Unchanged, int Confirmed, int Reactivated, IReadOnlyList<RegisterStreet> Register, IReadOnlyList<StoredStreet> NotInFile);

/// <summary>Upserts the file's streets by part and exact name; what the file lacks is the reconciliation's business.</summary>
internal static class RuianStreetWriter
{
    public static async Task<StreetChanges> WriteAsync(
        DbConnection connection, DbTransaction transaction, RuianImportPlan plan, Dictionary<long, long> partIds, long municipality, CancellationToken cancellationToken)
    {
        var addresses = await SubscriberAddressReads.CountByStreetAsync(connection, transaction, cancellationToken);
        var existing = (await connection.QueryAsync<StoredStreet>(new CommandDefinition("""
            SELECT s.id AS Id, s.city_part_id AS CityPartId, p.ruian_code AS PartCode, p.name AS PartName, s.name AS Name, s.ruian_code AS RuianCode,
                   s.source AS Source, s.is_active AS IsActive, s.needs_mapping AS NeedsMapping, CAST(0 AS BIGINT) AS Addresses
            FROM streets s JOIN city_parts p ON p.id = s.city_part_id
            WHERE p.municipality_code = @Municipality
            """, new { Municipality = municipality }, transaction, cancellationToken: cancellationToken)))
            .Select(s => s with { Addresses = addresses.GetValueOrDefault(s.Id) })
            .ToDictionary(s => (s.CityPartId, s.Name));
        var partNames = plan.Parts.ToDictionary(p => p.Code, p => p.Name);
        var register = new List<RegisterStreet>();
        var inFile = new HashSet<long>();
        int added = 0, unchanged = 0, confirmed = 0, reactivated = 0;
        foreach (var street in plan.Streets)
        {
            var partId = partIds[street.PartCode];
            if (!existing.TryGetValue((partId, street.Name), out var row))
            {
                var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO streets (city_part_id, name, ruian_code, source, is_active) VALUES (@PartId, @Name, @Code, 'ruian', 1) RETURNING id",
                    new { PartId = partId, street.Name, street.Code }, transaction, cancellationToken: cancellationToken));
                register.Add(new RegisterStreet(id, partId, street.PartCode, partNames[street.PartCode], street.Name));
                added++;
                continue;
            }

            inFile.Add(row.Id);
            register.Add(new RegisterStreet(row.Id, partId, street.PartCode, partNames[street.PartCode], street.Name));
            if (row.Active && row.Source == "ruian" && row.RuianCode == street.Code && row.NeedsMapping == 0)
            {
                unchanged++;
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE streets SET ruian_code = @Code, source = 'ruian', is_active = 1, needs_mapping = 0 WHERE id = @Id",
                new { street.Code, row.Id }, transaction, cancellationToken: cancellationToken));
            if (row.Active)
            {
                confirmed++;
            }
            else
            {
                reactivated++;
            }
        }

        var notInFile = existing.Values.Where(s => !inFile.Contains(s.Id)).ToList();
        return new StreetChanges(added, unchanged, confirmed, reactivated, register, notInFile);
    }
}
