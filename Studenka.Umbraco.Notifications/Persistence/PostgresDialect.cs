using System.Data.Common;
using Dapper;
using Npgsql;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>PostgreSQL: row locks, so several nodes write at once and claims skip each other's rows.</summary>
public sealed class PostgresDialect : SqlDialect
{
    // Any constant works as long as every node uses the same one; "studenka" in ASCII.
    private const long MigrationLockKey = 0x73747564656e6b61;

    public override string MigrationsFolder => MigrationScripts.Postgres;

    public override string SkipLocked(string alias) => $"FOR UPDATE OF {alias} SKIP LOCKED";

    public override string LockRows => " FOR UPDATE";

    // An expression over the column is never matched to an index on it; COALESCE of the column with
    // itself keeps its type and value (SQLite's unary + would fail on text here).
    public override string NotIndexed(string column) => $"COALESCE({column}, {column})";

    internal static PostgresDialect Fragments { get; } = new();

    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override Task SchemaChangedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ((NpgsqlConnection)connection).ReloadTypesAsync(cancellationToken);

    // Measured (benchmarks/README.md, "nodes"): with the outbox analyzed while empty, every claim
    // sorted all pending rows (100-230 ms per batch of 50 at 100,000 rows); ANALYZE samples 30,000
    // rows whatever the table's size, and inside the snapshot's transaction it sees the new rows.
    public override Task RowsAddedAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"ANALYZE {table}", transaction: transaction, cancellationToken: cancellationToken));

    public override string JsonArrayElements(string parameter) => $"jsonb_array_elements(CAST({parameter} AS jsonb)) AS j(value)";

    // 40001 serialization_failure, 40P01 deadlock_detected: PostgreSQL asks for the transaction to be run again.
    public override bool IsSerializationFailure(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    // A session lock: a node that dies mid-migration frees it with its connection.
    public override async Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey }, cancellationToken: cancellationToken));
        return new Unlock(connection);
    }

    private sealed class Unlock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey });
    }
}
