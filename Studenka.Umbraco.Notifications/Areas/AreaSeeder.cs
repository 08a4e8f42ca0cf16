using System.Reflection;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Areas;

/// <summary>
/// First-start data: Studénka's three city parts (RÚIAN codes) and the streets known from public
/// sources. Several streets' part is not confirmed, so they are offered under both Butovice and
/// Studénka until an official RÚIAN import moves their residents onto the register's street and part
/// and retires the pairs the register does not contain.
/// Idempotent: existing rows, including streets an import retired, are left as they are.
/// </summary>
public sealed class AreaSeeder(IDbConnectionFactory connections)
{
    public const long StudenkaMunicipalityCode = 599921;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var rows = ReadSeed();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var part in rows.DistinctBy(r => r.PartCode))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO city_parts (ruian_code, municipality_code, name) VALUES (@PartCode, @Municipality, @PartName) ON CONFLICT (ruian_code) DO NOTHING",
                new { part.PartCode, Municipality = StudenkaMunicipalityCode, part.PartName }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var row in rows.Where(r => r.Street.Length > 0))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO streets (city_part_id, name, ruian_code, source, is_active)
                SELECT id, @Street, NULL, 'seed', 1 FROM city_parts WHERE ruian_code = @PartCode
                ON CONFLICT (city_part_id, name) DO NOTHING
                """, new { row.Street, row.PartCode }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record SeedRow(long PartCode, string PartName, string Street);

    private static List<SeedRow> ReadSeed()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(
            "Studenka.Umbraco.Notifications.Areas.Seed.studenka-areas.csv")
            ?? throw new InvalidOperationException("The embedded area seed is missing from the package.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => new SeedRow(long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[1], f[2]))
            .ToList();
    }
}
