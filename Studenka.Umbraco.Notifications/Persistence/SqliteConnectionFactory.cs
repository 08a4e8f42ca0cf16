using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Opens connections to the package database. SQLite is the embedded default; every connection
/// gets WAL journaling, foreign keys and a busy timeout, because the web requests, the importer
/// and background work share one file.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, SqliteConnectionFactory> _prepared = new();

    public SqliteConnectionFactory(IOptions<PersistenceOptions> options, IHostEnvironment? environment = null)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString ?? PersistenceOptions.DefaultSqliteConnectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, builder.DataSource));
        }

        if (builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public SqlDialect Dialect { get; } = new SqliteDialect();

    /// <summary>The connection string with the resolved file, for a host component that opens the same database (the Site's sign-in store).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Full path of the database file (for logs and the README's promises).</summary>
    public string DataSource { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Pragmas belong to the native handle, which the pool reuses: set them once per handle,
        // not on every open (three statements per open cost a third of each outbox write).
        if (connection.Handle is { } handle && !_prepared.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _prepared.AddOrUpdate(handle, this);
        }

        return connection;
    }
}
