using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// One campaign to many residents, fake MessageBirds in this process (one per node when the test
/// must tell the nodes' traffic apart), and the real Site in child processes pointed at them. Owns a
/// temp folder with the fakes' logs and the Sites' logs, and the database: a SQLite file in that
/// folder, or a database of its own on the test PostgreSQL server, dropped at the end.
/// </summary>
public sealed class CrashScenario : IAsyncDisposable
{
    public const int Concurrency = 4;
    public const int BatchSize = 50;
    public const string AccessKey = "live_crash_test_key";

    private CrashScenario(string directory, LoadDatabase database, IReadOnlyList<FakeMessageBirdServer> gateways, IReadOnlyList<string> phones)
    {
        Directory_ = directory;
        Database = database;
        Gateways = gateways;
        Phones = phones;
    }

    public string Directory_ { get; }

    public LoadDatabase Database { get; }

    /// <summary>The first (or only) fake; <see cref="StartSite"/> aims a Site at one of <see cref="Gateways"/>.</summary>
    public FakeMessageBirdServer Gateway => Gateways[0];

    public IReadOnlyList<FakeMessageBirdServer> Gateways { get; }

    public long CampaignId { get; private set; }

    /// <summary>Everyone seeded; a whole-town crisis campaign targets all of them.</summary>
    public IReadOnlyList<string> Phones { get; }

    /// <summary>One log per node: two Sites running at once do not interleave their lines.</summary>
    public string SiteLogPath(string nodeId) => Path.Combine(Directory_, $"site-{nodeId}.log");

    /// <summary>
    /// Seeds <paramref name="subscribers"/> residents and, unless <paramref name="campaign"/> is false
    /// (then call <see cref="AddCampaignAsync"/> once the Sites are up), the due campaign.
    /// <paramref name="gatewayOptions"/> configures the first fake; further ones get the same latency and faults.
    /// </summary>
    public static async Task<CrashScenario> CreateAsync(
        int subscribers, int seed, FakeMessageBirdOptions gatewayOptions, DatabaseProvider engine = DatabaseProvider.Sqlite, int gateways = 1, bool campaign = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "studenka-crash", $"{seed}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var database = engine == DatabaseProvider.PostgreSql
            ? await LoadDatabase.CreatePostgresAsync(TestPostgres.CreateDatabase())
            : await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
        var phones = await database.AddSubscribersAsync(subscribers, seed);
        var servers = new List<FakeMessageBirdServer>();
        for (var i = 0; i < gateways; i++)
        {
            var options = i == 0 ? gatewayOptions : SameBehaviour(gatewayOptions, seed + i);
            options.AccessKey = AccessKey;
            options.AcceptedLogPath = Path.Combine(directory, i == 0 ? "accepted.log" : $"accepted-{i}.log");
            servers.Add(await FakeMessageBirdServer.StartAsync(options));
        }

        var scenario = new CrashScenario(directory, database, servers, phones);
        if (campaign)
        {
            await scenario.AddCampaignAsync();
        }

        return scenario;
    }

    /// <summary>The whole-town crisis campaign, due now: the first Site to look snapshots it.</summary>
    public async Task AddCampaignAsync() => CampaignId = await Database.AddDueCampaignAsync();

    /// <summary>The Site as it would run in production (on a free port of its own), with the MessageBird gateway aimed at the fake <paramref name="gateway"/>.</summary>
    public SiteProcess StartSite(string nodeId, int gateway = 0, IReadOnlyDictionary<string, string>? extra = null) => SiteProcess.Start(new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Studenka__Persistence__Provider"] = Database.Engine.ToString(),
        ["Studenka__Persistence__ConnectionString"] = Database.ConnectionString,
        ["Studenka__Sms__MessageBirdAccessKey"] = AccessKey,
        ["Studenka__Sms__MessageBirdBaseUrl"] = Gateways[gateway].BaseUrl.ToString(),
        // Quick in-process retries of 5xx/429, so the fault run stays short.
        ["Studenka__Sms__MessageBirdRetryBaseDelayMilliseconds"] = "20",
        ["Studenka__Delivery__NodeId"] = nodeId,
        ["Studenka__Delivery__BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["Studenka__Delivery__Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
        ["Studenka__Delivery__RequestsPerSecond"] = "10000",
        ["Studenka__Delivery__SmsPerSecond"] = "100000",
        // Short, so a restart under another NodeId (another node) takes over quickly.
        ["Studenka__Delivery__LeaseSeconds"] = "5",
        ["Studenka__Delivery__PollIntervalSeconds"] = "1",
        ["Studenka__Delivery__RetryBaseSeconds"] = "1",
        ["Studenka__Delivery__RetryMaxSeconds"] = "2",
        ["Studenka__Delivery__MaxAttempts"] = "30",
    }, SiteLogPath(nodeId));

    public async Task<CampaignProgress> ProgressAsync() => await Database.ReadProgressAsync(CampaignId);

    /// <summary>
    /// Polls <paramref name="done"/> until it holds. Fails with <paramref name="describe"/> and the
    /// Site's last log lines on timeout, or at once when the Site died by itself.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, SiteProcess site, Func<Task<string>> describe, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (site.HasExited)
            {
                Assert.Fail($"The Site exited by itself while we waited: {await describe()}\n--- site log ---\n{site.Tail()}");
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s: {await describe()}\n--- site log ---\n{site.Tail()}");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>The count of 'unknown' rows as the delivery status API reports it.</summary>
    public async Task<int> ReportedUnknownAsync() =>
        (await new DeliveryProgressQuery(Database.Connections).GetAsync(CampaignId, CancellationToken.None)).Unknown;

    private static FakeMessageBirdOptions SameBehaviour(FakeMessageBirdOptions first, int seed) => new()
    {
        Latency = first.Latency,
        FailureRate = first.FailureRate,
        DropRate = first.DropRate,
        RetryAfter = first.RetryAfter,
        BalanceExhausted = first.BalanceExhausted,
        BalanceExhaustedStatusCode = first.BalanceExhaustedStatusCode,
        Seed = seed,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in Gateways)
        {
            await gateway.DisposeAsync();
        }

        if (Database.Engine == DatabaseProvider.PostgreSql)
        {
            await ((IAsyncDisposable)Database.Connections).DisposeAsync();
            TestPostgres.DropDatabase(Database.ConnectionString);
        }

        SqliteConnection.ClearAllPools();
        // Kept when the environment asks, to replay or inspect a failure.
        if (Environment.GetEnvironmentVariable("STUDENKA_CRASH_KEEP") is null)
        {
            try
            {
                Directory.Delete(Directory_, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test over.
            }
        }
    }
}
