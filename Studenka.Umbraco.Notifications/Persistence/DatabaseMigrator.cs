using System.Data;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Applies the engine's pending migrations (<see cref="MigrationScripts"/>), each in its own
/// transaction, and records them in <c>schema_migrations</c> — the table every database made
/// before the scripts became files already has, so those upgrade in place. Running it again on an
/// up-to-date database changes nothing; nodes starting together apply each step once (the dialect's lock).
/// </summary>
public sealed class DatabaseMigrator(IDbConnectionFactory connections, TimeProvider time, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationScripts.For(connections.Dialect.MigrationsFolder);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var done = new List<int>();
        await using var migrationLock = await connections.Dialect.LockMigrationsAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at_ms BIGINT NOT NULL
            )
            """, cancellationToken: cancellationToken));

        foreach (var migration in migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            // SQLite: another process may have applied it between our first read and this write lock.
            var already = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction, cancellationToken: cancellationToken));
            if (already > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied schema migration {Version} ({Name})", migration.Version, migration.Name);
            done.Add(migration.Version);
        }

        if (done.Count > 0)
        {
            await connections.Dialect.SchemaChangedAsync(connection, cancellationToken);
        }

        return done;
    }
}
