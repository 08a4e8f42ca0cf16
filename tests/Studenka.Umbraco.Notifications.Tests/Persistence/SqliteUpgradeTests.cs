using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

public sealed class SqliteUpgradeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));

    public SqliteUpgradeTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_SQLite_scripts_1_to_14_are_the_SQL_main_ran()
    {
        var files = MigrationScripts.For(MigrationScripts.Sqlite).Where(m => m.Version <= 14).ToList();

        Assert.Equal(MainMigrations.All.Select(m => m.Version), files.Select(m => m.Version));
        Assert.All(MainMigrations.All.Zip(files), pair => Assert.Equal(pair.First.Sql + "\n", pair.Second.Sql));
    }

    [Fact]
    public async Task A_database_made_by_main_upgrades_in_place_nothing_lost_nothing_applied_twice()
    {
        var path = Path.Combine(_directory, "studenka-sms.db");
        var connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = $"Data Source={path}" }));
        await using (var old = await connections.OpenAsync(CancellationToken.None))
        {
            await MainMigrations.ApplyAsync(old, atMs: 1000);
            await old.ExecuteAsync("INSERT INTO packages (id, name, description) VALUES (2, 'Voda', 'Odstávky')");
            await old.ExecuteAsync("INSERT INTO city_parts (id, ruian_code, municipality_code, name) VALUES (1, 1, 1, 'Butovice')");
            await old.ExecuteAsync("""
                INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms) VALUES ('+420603000001', 'active', 'v1', 1, 1, 1);
                INSERT INTO subscriber_packages VALUES (1, 2);
                INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, house_number) VALUES (1, 1, 1, '12');
                INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, created_at_ms, updated_at_ms)
                    VALUES (2, 'Voda', 'keep', 'Voda', 'gsm7', 1, 'manual', 'jana', 'sent', 1, 1);
                INSERT INTO outbox (campaign_id, phone, status, next_attempt_at_ms, updated_at_ms) VALUES (1, '+420603000001', 'accepted', 1, 1);
                """);
        }

        var applied = await new DatabaseMigrator(connections, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrations.All.Select(m => m.Version).Where(v => v > 14), applied);
        await using var after = await connections.OpenAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 14).Select(v => 1000L), await after.QueryAsync<long>("SELECT applied_at_ms FROM schema_migrations WHERE version <= 14 ORDER BY version"));
        Assert.Equal("+420603000001|12|2", await after.ExecuteScalarAsync<string>("""
            SELECT s.phone || '|' || a.house_number || '|' || p.package_id FROM subscribers s
            JOIN subscriber_addresses a ON a.subscriber_id = s.id JOIN subscriber_packages p ON p.subscriber_id = s.id
            """));
        Assert.Equal("sent|accepted", await after.ExecuteScalarAsync<string>("SELECT c.state || '|' || o.status FROM campaigns c JOIN outbox o ON o.campaign_id = c.id"));
    }
}
