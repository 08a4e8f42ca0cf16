using BenchmarkDotNet.Attributes;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Goal (a): choosing and snapshotting the recipients of a campaign to 100,000 residents takes
/// at most a second on SQLite. Measured as the dispatcher does it: one transaction around
/// <see cref="RecipientTargeting.SnapshotAsync"/>, committed to disk (WAL, synchronous=NORMAL).
/// Each iteration starts from an empty outbox so the numbers do not drift with a growing table.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmark
{
    private string _directory = "";
    private LoadDatabase _database = null!;
    private long _wholeTown;
    private long _oneCityPart;

    [Params(100_000)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void EmptyOutbox()
    {
        using var connection = _database.OpenAsync().GetAwaiter().GetResult();
        connection.Execute("DELETE FROM outbox");
    }

    [Benchmark(Description = "snapshot, whole town (every subscriber)")]
    public Task<int> WholeTown() => SnapshotAsync(_wholeTown, new CampaignAudience(TopicPackages.Crisis, [], []));

    [Benchmark(Description = "snapshot, one city part")]
    public Task<int> OneCityPart() => SnapshotAsync(_oneCityPart, new CampaignAudience(TopicPackages.Crisis, [1], []));

    /// <summary>The same query without writing: how much of the snapshot is choosing, how much is writing rows.</summary>
    [Benchmark(Description = "count only, whole town (the preview)")]
    public Task<int> CountWholeTown() => new RecipientTargeting(_database.Connections).CountAsync(new CampaignAudience(TopicPackages.Crisis, [], []), CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => Scratch.Delete(_directory);

    private async Task SetupAsync()
    {
        _directory = Scratch.NewDirectory("snapshot");
        _database = await LoadDatabase.CreateAsync(Path.Combine(_directory, "studenka-sms.db"));
        await _database.AddSubscribersAsync(Subscribers);
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
