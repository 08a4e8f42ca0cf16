using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests;

/// <summary>
/// A fresh SQLite file per test, migrated and seeded exactly as the hosted initializer does it,
/// deleted again when the test ends.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private TestDatabase(string directory, TimeProvider time)
    {
        _directory = directory;
        FilePath = Path.Combine(directory, "studenka-sms.db");
        Time = time;
        Connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = $"Data Source={FilePath}" }));
        Migrator = new DatabaseMigrator(Connections, time, NullLogger<DatabaseMigrator>.Instance);
    }

    public string FilePath { get; }

    public TimeProvider Time { get; }

    public SqliteConnectionFactory Connections { get; }

    public DatabaseMigrator Migrator { get; }

    /// <summary>A migrated database; seeded with packages and city parts unless <paramref name="seed"/> is false.</summary>
    public static async Task<TestDatabase> CreateAsync(TimeProvider? time = null, bool seed = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = new TestDatabase(directory, time ?? TimeProvider.System);
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
        // Pooled connections keep the file (and its WAL) open; close them before deleting.
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
