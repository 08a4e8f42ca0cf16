using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

public sealed class SqliteUpgradeTests : IDisposable
{
    /// <summary>
    /// SHA-256 of the SQLite scripts 1–14 (UTF-8), which are exactly the SQL main ran when it kept its
    /// migrations inline in C# (checked line by line against a frozen copy before these hashes replaced
    /// it). Databases made then exist: these scripts must never change, so the scripts build such a file.
    /// </summary>
    private static readonly string[] MainScriptHashes =
    [
        "c19160d36e1a5d9505af6427dcd9746e455dc2ae246db4a5e922ba02fff09900",
        "5a3b5c24366bc3a07c3bd6d68c354f6a8329e90f431423a145eb619423e6b6b8",
        "a9674c0a0bcd5af4e023f61f203ecf15877c20a78c6b4cee0f5665b9f3af7025",
        "09587ae0d5989e57a3dce637c27037896af96fd976d6b0242ee897039b38bc1b",
        "55cf7111be6c6b43c4b49b06147d33110cf8aa2e2357f821a0031cb0f8108160",
        "0237f5ce922c0c1a3a311ce8a80fc49bb19cce4abc9096faaed7c72a2dda60b5",
        "24c0187c79ed98c2b8da64056a92cb614bce88d55a112c6515441fe60c833e48",
        "0a5c34b67cebfac91cbbe8368670f5707184860eaa3e612d54708d32ed594a2e",
        "82eff8a774ceda864edbedda888a8f5f445d2995fcc3c171281b10f495c2d479",
        "104b5cae868022f593fe9277c28dad8aecc8cd57d65942d5a75efde36a1c573a",
        "f3768f69f3f3cdb3390b5cac5788426241a9fc8670d19a959b84e08b7e6b0f1e",
        "1f550ddc26c8bbbf24e9f01599a31e9a5bb27d2fb1650b7a68921a672edc311c",
        "15d3bc4a499d12d95c0eea3544b208b251f0eb1a05adb51f081611d52f9aa7fc",
        "524120c29dce8fce3cdd6edaa85fa6f2b8f504050c1145b89f84b6ddc976d17c",
    ];

    private readonly TempFolder _folder = new();


    public void Dispose() => _folder.Dispose();

    private static IReadOnlyList<Migration> MainScripts => MigrationScripts.For(MigrationScripts.Sqlite).Where(m => m.Version <= 14).ToList();

    [Fact]
    public void The_SQLite_scripts_1_to_14_are_the_SQL_main_ran()
    {
        Assert.Equal(Enumerable.Range(1, 14), MainScripts.Select(m => m.Version));
        Assert.Equal(MainScriptHashes, MainScripts.Select(m => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(m.Sql)))));
    }

    /// <summary>What DatabaseMigrator did then: each script in its own transaction, recorded in schema_migrations.</summary>
    private static async Task ApplyAsMainDidAsync(System.Data.Common.DbConnection connection, long atMs)
    {
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
        foreach (var migration in MainScripts)
        {
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@Version, @Name, @atMs)", new { migration.Version, migration.Name, atMs }, transaction);
            await transaction.CommitAsync();
        }
    }

    [Fact]
    public async Task A_database_made_by_main_upgrades_in_place_nothing_lost_nothing_applied_twice()
    {
        var path = _folder.File("studenka-sms.db");
        var connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = $"Data Source={path}" }));
        await using (var old = await connections.OpenAsync(CancellationToken.None))
        {
            await ApplyAsMainDidAsync(old, atMs: 1000);
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
