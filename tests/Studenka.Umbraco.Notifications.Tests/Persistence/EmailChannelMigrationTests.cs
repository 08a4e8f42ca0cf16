using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

/// <summary>Migration 0081 rebuilds the SQLite outbox for channel 'email': a database as it was before keeps every row, index and pause.</summary>
public sealed class EmailChannelMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_outbox_takes_email_rows_after_0081_and_keeps_its_rows_indexes_and_the_SMS_pause()
    {
        var path = _folder.File("studenka-sms.db");
        var connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = $"Data Source={path}" }));
        List<string> indexesBefore;
        await using (var old = await connections.OpenAsync(CancellationToken.None))
        {
            await old.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
            foreach (var migration in Migrations.All.Where(m => m.Version < 81))
            {
                await using var transaction = await old.BeginTransactionAsync();
                await old.ExecuteAsync(migration.Sql, transaction: transaction);
                await old.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@Version, @Name, 1)", new { migration.Version, migration.Name }, transaction);
                await transaction.CommitAsync();
            }

            await old.ExecuteAsync("""
                INSERT INTO packages (id, name, description) VALUES (2, 'Voda', 'Odstávky') ON CONFLICT DO NOTHING;
                INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, created_at_ms, updated_at_ms)
                    VALUES (2, 'Voda', 'keep', 'Voda', 'gsm7', 1, 'manual', 'jana', 'sending', 1, 1);
                INSERT INTO outbox (lane, campaign_id, channel, address, status, next_attempt_at_ms, batch_id, updated_at_ms) VALUES ('campaign', 1, 'sms', '+420603000001', 'accepted', 1, 'b1', 1);
                INSERT INTO outbox (lane, campaign_id, channel, address, body, status, next_attempt_at_ms, updated_at_ms) VALUES ('service', NULL, 'sms', '+420603000002', 'Kód 1234', 'pending', 1, 1);
                INSERT INTO delivery_pause (id, kind, reason, node_id, since_ms) VALUES (1, 'ConfigurationError', 'bad key', 'node-a', 5);
                """);
            await Assert.ThrowsAnyAsync<Exception>(() => old.ExecuteAsync(
                "INSERT INTO outbox (lane, campaign_id, channel, address, status, next_attempt_at_ms, updated_at_ms) VALUES ('campaign', 1, 'email', 'jana@example.cz', 'pending', 1, 1)"));
            indexesBefore = (await old.QueryAsync<string>("SELECT sql FROM sqlite_master WHERE tbl_name = 'outbox' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")).ToList();
        }

        var applied = await new DatabaseMigrator(connections, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Contains(81, applied);
        await using var after = await connections.OpenAsync(CancellationToken.None);
        var indexesAfter = (await after.QueryAsync<string>("SELECT sql FROM sqlite_master WHERE tbl_name = 'outbox' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")).ToList();
        Assert.Empty(indexesBefore.Except(indexesAfter));
        Assert.Contains(indexesAfter, sql => sql.Contains("ix_outbox_email", StringComparison.Ordinal) && sql.Contains("WHERE channel = 'email'", StringComparison.Ordinal));
        Assert.Equal(["campaign|sms|+420603000001|accepted|b1", "service|sms|+420603000002|pending|"], await after.QueryAsync<string>(
            "SELECT lane || '|' || channel || '|' || address || '|' || status || '|' || COALESCE(batch_id, '') FROM outbox ORDER BY id"));
        await after.ExecuteAsync(
            "INSERT INTO outbox (lane, campaign_id, channel, address, status, next_attempt_at_ms, updated_at_ms) VALUES ('campaign', 1, 'email', 'jana@example.cz', 'pending', 1, 1)");
        await Assert.ThrowsAnyAsync<Exception>(() => after.ExecuteAsync(
            "INSERT INTO outbox (lane, campaign_id, channel, address, status, next_attempt_at_ms, updated_at_ms) VALUES ('campaign', 1, 'fax', '123', 'pending', 1, 1)"));
        Assert.Equal("sms|bad key", await after.ExecuteScalarAsync<string>("SELECT channel || '|' || reason FROM delivery_pause"));
        Assert.Equal(0L, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }
}
