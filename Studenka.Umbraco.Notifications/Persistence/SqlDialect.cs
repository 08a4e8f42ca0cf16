using System.Data.Common;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// What differs between the engines, and nothing else: repositories keep one SQL text and ask the
/// dialect only for the few fragments the engines spell differently. A third engine (SQL Server)
/// is one more subclass, one more connection factory and one more migrations folder.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The folder under <c>Persistence/Migrations</c> with this engine's scripts.</summary>
    public abstract string MigrationsFolder { get; }

    /// <summary>
    /// Appended to a row-selecting subquery of a claim: rows another transaction holds are passed
    /// over, so a node that loses a race takes the next rows instead of waiting or going idle.
    /// </summary>
    public abstract string SkipLocked(string alias);

    /// <summary>
    /// Appended to a SELECT whose rows a check is about to rely on: other writers of those rows wait
    /// until this transaction ends (PostgreSQL). SQLite needs nothing: one writer at a time holds the file.
    /// </summary>
    public abstract string LockRows { get; }

    /// <summary>
    /// A column the planner must not pick an index for: SQLite picks the wrong one, and PostgreSQL
    /// plans by statistics that are stale within a campaign (taken at the snapshot, before any row moved on).
    /// </summary>
    public abstract string NotIndexed(string column);

    /// <summary>
    /// "column is one of the list parameter". Dapper expands <c>IN @list</c> into one parameter per
    /// item on SQLite, but hands PostgreSQL the list as one array, which only <c>= ANY(...)</c> reads.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The fragments of the engine behind <paramref name="connection"/>, for static SQL helpers that get only a connection.</summary>
    public static SqlDialect For(DbConnection connection) => connection is Npgsql.NpgsqlConnection ? PostgresDialect.Fragments : SqliteDialect.Fragments;

    /// <summary>Called after migrations changed the schema (PostgreSQL learns new types such as citext).</summary>
    public virtual Task SchemaChangedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called after one statement added many rows to <paramref name="table"/> (a campaign's snapshot):
    /// PostgreSQL plans by statistics, and until autovacuum catches up (a minute or more) it plans the
    /// next queries for the table as it was, e.g. empty. SQLite's planner needs nothing here.
    /// </summary>
    public virtual Task RowsAddedAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A FROM source over a JSON array parameter, one row per element in a column named <c>value</c>.</summary>
    public abstract string JsonArrayElements(string parameter);

    /// <summary>
    /// Held around a write that many workers of one process issue at once. SQLite has one writer
    /// per file, and queueing in process is far cheaper than its busy handler; PostgreSQL needs none.
    /// </summary>
    public virtual ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable>(NoGate.Instance);

    /// <summary>A failure that means "another transaction won, run yours again" (not a bug, not bad input).</summary>
    public abstract bool IsSerializationFailure(Exception exception);

    /// <summary>Keeps other nodes from migrating until the result is disposed (taken outside any transaction,
    /// so the transactions after it see what the node before committed).</summary>
    public abstract Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken);

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
