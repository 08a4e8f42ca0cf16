using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests;

/// <summary>
/// A fresh database per test, migrated and seeded exactly as the hosted initializer does it,
/// deleted again when the test ends: a SQLite file, or a database on the test PostgreSQL server
/// (<see cref="TestPostgres"/>) for the tests that are about PostgreSQL.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private TestDatabase(TempFolder folder, TimeProvider time, DatabaseProvider engine)
    {
        _folder = folder;
        FilePath = folder.File("studenka-sms.db");
        Time = time;
        Engine = engine;
        ConnectionString = engine == DatabaseProvider.PostgreSql ? TestPostgres.CreateDatabase() : $"Data Source={FilePath}";
        Connections = engine == DatabaseProvider.PostgreSql
            ? new PostgresConnectionFactory(ConnectionString)
            : new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = ConnectionString }));
        Migrator = new DatabaseMigrator(Connections, time, NullLogger<DatabaseMigrator>.Instance);
    }

    public string FilePath { get; }

    public TimeProvider Time { get; }

    public DatabaseProvider Engine { get; }

    public string ConnectionString { get; }

    public IDbConnectionFactory Connections { get; }

    public DatabaseMigrator Migrator { get; }

    /// <summary>A migrated database; seeded with packages and city parts unless <paramref name="seed"/> is false.</summary>
    public static async Task<TestDatabase> CreateAsync(TimeProvider? time = null, bool seed = true, DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        var database = new TestDatabase(new TempFolder(), time ?? TimeProvider.System, engine);
        await database.Migrator.MigrateAsync(CancellationToken.None);
        if (seed)
        {
            await database.SeedAsync();
        }

        return database;
    }

    public async Task SeedAsync()
    {
        await new PackageSeeder(Connections).SeedAsync(CancellationToken.None);
        await new AreaSeeder(Connections).SeedAsync(CancellationToken.None);
    }

    public Task<DbConnection> OpenAsync() => Connections.OpenAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Connections is PostgresConnectionFactory postgres)
        {
            await postgres.DisposeAsync();
            TestPostgres.DropDatabase(ConnectionString);
        }

        await Task.Yield();
        // Closes the pooled SQLite connections (they keep the file and its WAL open) before deleting.
        _folder.Dispose();
    }
}
