using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Goal (a): choosing and snapshotting the recipients of a campaign takes at most a second for
/// 100,000 residents on SQLite and at most five seconds for 1,000,000 on PostgreSQL. Measured as the
/// dispatcher does it: one transaction around <see cref="RecipientTargeting.SnapshotAsync"/>,
/// committed. Each iteration starts from an empty outbox so the numbers do not drift with a growing table.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmark
{
    private LoadDatabase _database = null!;
    private long _wholeTown;
    private long _oneCityPart;

    /// <summary>Which databases a run measures (Program sets it from the command line; in process, so a static reaches the run).</summary>
    public static IReadOnlyList<SnapshotSetup> Setups { get; set; } = [new(DatabaseProvider.Sqlite, 100_000), new(DatabaseProvider.PostgreSql, 1_000_000)];

    [ParamsSource(nameof(Setups))]
    public SnapshotSetup Database { get; set; } = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void EmptyOutbox()
    {
        using var connection = _database.OpenAsync().GetAwaiter().GetResult();
        // TRUNCATE: PostgreSQL's DELETE would leave a million dead rows for the next iteration to step over.
        connection.Execute(_database.Engine == DatabaseProvider.PostgreSql ? "TRUNCATE outbox" : "DELETE FROM outbox");
    }

    [Benchmark(Description = "snapshot, whole town (every subscriber)")]
    public Task<int> WholeTown() => SnapshotAsync(_wholeTown, new CampaignAudience(TopicPackages.Crisis, [], []));

    [Benchmark(Description = "snapshot, one city part")]
    public Task<int> OneCityPart() => SnapshotAsync(_oneCityPart, new CampaignAudience(TopicPackages.Crisis, [1], []));

    /// <summary>The same query without writing: how much of the snapshot is choosing, how much is writing rows.</summary>
    [Benchmark(Description = "count only, whole town (the preview)")]
    public async Task<int> CountWholeTown() =>
        (await new RecipientTargeting(_database.Connections).CountAsync(new CampaignAudience(TopicPackages.Crisis, [], []), CancellationToken.None)).Sms;

    [GlobalCleanup]
    public void Cleanup()
    {
        // Kept for the next benchmark of the same setup: seeding a million residents takes a minute.
    }

    /// <summary>Drops the PostgreSQL databases and deletes the SQLite files once every benchmark has run.</summary>
    public static void DeleteDatabases()
    {
        foreach (var (database, directory) in Seeded.Values)
        {
            if (database.Engine == DatabaseProvider.PostgreSql)
            {
                ((IAsyncDisposable)database.Connections).DisposeAsync().AsTask().GetAwaiter().GetResult();
                TestPostgres.DropDatabase(database.ConnectionString);
            }

            Scratch.Delete(directory);
        }

        Seeded.Clear();
    }

    private static readonly Dictionary<SnapshotSetup, (LoadDatabase Database, string Directory)> Seeded = [];

    private async Task SetupAsync()
    {
        if (!Seeded.TryGetValue(Database, out var seeded))
        {
            var directory = Scratch.NewDirectory("snapshot");
            var database = Database.Engine == DatabaseProvider.PostgreSql
                ? await LoadDatabase.CreatePostgresAsync(BenchmarkPostgres.CreateDatabase())
                : await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
            await database.AddSubscribersAsync(Database.Subscribers);
            seeded = (database, directory);
            Seeded[Database] = seeded;
        }

        _database = seeded.Database;
        _wholeTown = await _database.AddDueCampaignAsync();
        _oneCityPart = await _database.AddDueCampaignAsync(cityPartIds: [1]);
    }

    private async Task<int> SnapshotAsync(long campaignId, CampaignAudience audience)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await RecipientTargeting.SnapshotAsync(connection, transaction, campaignId, audience, _database.Time.GetUtcNow(), CancellationToken.None);
        await transaction.CommitAsync();
        return written;
    }
}

/// <summary>One engine and audience size of the snapshot benchmark (its ToString is the column BenchmarkDotNet prints).</summary>
public sealed record SnapshotSetup(DatabaseProvider Engine, int Subscribers)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Engine} {Subscribers:N0}");
}
