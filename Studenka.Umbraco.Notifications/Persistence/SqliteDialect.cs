using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>SQLite: one file, one writer at a time; several processes only on one machine.</summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>For SQL text only; the write gate belongs to each connection factory's own instance.</summary>
    internal static SqliteDialect Fragments { get; } = new();

    public override string MigrationsFolder => MigrationScripts.Sqlite;

    // SQLite takes the whole file for a write transaction: nothing is row-locked, nothing to skip.
    public override string SkipLocked(string alias) => "";

    public override string LockRows => "";

    // The unary "+" is SQLite's documented way to keep a term off an index.
    public override string NotIndexed(string column) => "+" + column;

    public override string InList(string column, string parameter) => $"{column} IN {parameter}";

    public override string JsonArrayElements(string parameter) => $"json_each({parameter})";

    public override async ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new Release(_writeGate);
    }

    // SQLITE_BUSY (5) / SQLITE_LOCKED (6): the busy timeout ran out while another writer held the file.
    public override bool IsSerializationFailure(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    // Each migration's Serializable transaction (BEGIN IMMEDIATE) already holds the file's one write lock.
    public override Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
