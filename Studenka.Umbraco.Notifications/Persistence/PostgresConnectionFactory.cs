using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Connections to a shared PostgreSQL database, from one pooled <see cref="NpgsqlDataSource"/>
/// per process. Every node of a cluster points at the same database.
/// </summary>
public sealed class PostgresConnectionFactory : IDbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnectionFactory(IOptions<PersistenceOptions> options)
        : this(options.Value.ConnectionString ?? throw new InvalidOperationException("Studenka:Persistence:ConnectionString is required for PostgreSql."))
    {
    }

    public PostgresConnectionFactory(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
    }

    public SqlDialect Dialect { get; } = new PostgresDialect();

    /// <summary>The database name (for logs; the password stays out of them).</summary>
    public string Database { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
