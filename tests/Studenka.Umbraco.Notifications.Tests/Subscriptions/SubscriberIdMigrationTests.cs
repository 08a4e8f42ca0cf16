using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

/// <summary>A town's existing database (schema 1–8, with residents in it) moves to ids that are never reused.</summary>
public sealed class SubscriberIdMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();


    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_database_of_schema_8_keeps_every_subscriber_package_and_address_and_never_reuses_an_id_again()
    {
        var connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = $"Data Source={_folder.File("v8.db")}" }));
        await using (var db = await connections.OpenAsync(CancellationToken.None))
        {
            await db.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
            foreach (var migration in Migrations.All.Where(m => m.Version <= 8))
            {
                await db.ExecuteAsync(migration.Sql);
                await db.ExecuteAsync("INSERT INTO schema_migrations VALUES (@Version, @Name, 0)", migration);
            }

            await db.ExecuteAsync("""
                INSERT INTO packages (id, name, description) VALUES (1, 'Krize', ''), (4, 'Kultura', '');
                INSERT INTO city_parts (id, ruian_code, municipality_code, name) VALUES (1, 1, 599921, 'Butovice');
                INSERT INTO streets (id, city_part_id, name, source) VALUES (7, 1, 'Malá strana', 'seed');
                INSERT INTO subscribers (id, phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms)
                VALUES (1, '+420603000001', 'Jana', 'jana@example.cz', 'active', '2026-11', 10, 10, 11, 11),
                       (2, '+420603000002', NULL, NULL, 'active', '2026-11', 20, 20, 21, 21),
                       (3, '+420603000003', 'Petr', NULL, 'active', '2026-11', 30, 30, 31, 31);
                INSERT INTO subscriber_packages VALUES (1, 1), (1, 4), (2, 4), (3, 1);
                INSERT INTO subscriber_addresses VALUES (1, 1, 1, 7, '216'), (1, 2, 1, NULL, NULL), (3, 1, 1, 7, '5');
                """);
        }

        var before = await SnapshotAsync(connections);
        var applied = await new DatabaseMigrator(connections, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Contains(9, applied);
        Assert.Equal(before, await SnapshotAsync(connections));
        await using var after = await connections.OpenAsync(CancellationToken.None);
        Assert.Empty(await after.QueryAsync("PRAGMA foreign_key_check"));
        // The highest id goes; the next resident must not inherit it (nor a session bound to it).
        await after.ExecuteAsync("DELETE FROM subscribers WHERE id = 3");
        var next = await after.ExecuteScalarAsync<long>("""
            INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms)
            VALUES ('+420603000004', 'active', '2026-11', 40, 40, 40) RETURNING id
            """);
        Assert.Equal(4, next);
        // Cascades still work against the rebuilt table.
        await after.ExecuteAsync("DELETE FROM subscribers WHERE id = 1");
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscriber_addresses WHERE subscriber_id = 1"));
    }

    private static async Task<string> SnapshotAsync(IDbConnectionFactory connections)
    {
        await using var db = await connections.OpenAsync(CancellationToken.None);
        var subscribers = await db.QueryAsync<string>("SELECT id || '|' || phone || '|' || IFNULL(name, '') || '|' || IFNULL(email, '') || '|' || status || '|' || activated_at_ms FROM subscribers ORDER BY id");
        var packages = await db.QueryAsync<string>("SELECT subscriber_id || ':' || package_id FROM subscriber_packages ORDER BY 1");
        var addresses = await db.QueryAsync<string>("SELECT subscriber_id || ':' || position || ':' || city_part_id || ':' || IFNULL(street_id, '-') || ':' || IFNULL(house_number, '-') FROM subscriber_addresses ORDER BY 1");
        return string.Join("\n", subscribers.Concat(packages).Concat(addresses));
    }
}
