using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

/// <summary>A migrated and seeded package database in a temp SQLite file, as a fresh site has it.</summary>
internal sealed class SeededAreaDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private SeededAreaDatabase(TestDatabase database)
    {
        _database = database;
        Importer = new RuianImportService(database.Connections);
        Areas = new AreaRepository(database.Connections);
    }

    public SqliteConnectionFactory Connections => _database.Connections;

    public RuianImportService Importer { get; }

    public AreaRepository Areas { get; }

    public static async Task<SeededAreaDatabase> CreateAsync() =>
        new(await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero))));

    public Task<RuianImportResult> ImportAsync(byte[] file) =>
        Importer.ImportAsync(new MemoryStream(file), AreaSeeder.StudenkaMunicipalityCode, CancellationToken.None);

    public Task<RuianImportResult> ImportAsync(IEnumerable<RuianAddress> addresses) => ImportAsync(RuianCsvFile.Encode(addresses));

    public sealed record StreetRow(string Part, string Name, long? RuianCode, string Source, long IsActive);

    public async Task<List<StreetRow>> StreetsAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<StreetRow>("""
            SELECT p.name AS Part, s.name AS Name, s.ruian_code AS RuianCode, s.source AS Source, s.is_active AS IsActive
            FROM streets s JOIN city_parts p ON p.id = s.city_part_id ORDER BY s.id
            """)).ToList();
    }

    /// <summary>Every row of every table, in rowid order: equal snapshots mean nothing was written.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var text = new StringBuilder();
        foreach (var table in await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{table}]");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                text.AppendLine(string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
            }
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
