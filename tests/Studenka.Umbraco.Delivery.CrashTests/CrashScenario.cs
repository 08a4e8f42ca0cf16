using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// One campaign to many residents, a fake MessageBird in this process, and the real Site in a child
/// process pointed at both. Owns a temp folder with the database, the fake's log and the Site's log.
/// </summary>
public sealed class CrashScenario : IAsyncDisposable
{
    public const int Concurrency = 4;
    public const int BatchSize = 50;
    public const string AccessKey = "live_crash_test_key";

    private CrashScenario(string directory, LoadDatabase database, FakeMessageBirdServer gateway, long campaignId, IReadOnlyList<string> phones)
    {
        Directory_ = directory;
        Database = database;
        Gateway = gateway;
        CampaignId = campaignId;
        Phones = phones;
    }

    public string Directory_ { get; }

    public LoadDatabase Database { get; }

    public FakeMessageBirdServer Gateway { get; }

    public long CampaignId { get; }

    /// <summary>Everyone seeded; a whole-town crisis campaign targets all of them.</summary>
    public IReadOnlyList<string> Phones { get; }

    public string SiteLogPath => Path.Combine(Directory_, "site.log");

    public static async Task<CrashScenario> CreateAsync(int subscribers, int seed, FakeMessageBirdOptions gatewayOptions)
    {
        var directory = Path.Combine(Path.GetTempPath(), "studenka-crash", $"{seed}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var database = await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
        var phones = await database.AddSubscribersAsync(subscribers, seed);
        var campaignId = await database.AddDueCampaignAsync();
        gatewayOptions.AccessKey = AccessKey;
        gatewayOptions.AcceptedLogPath = Path.Combine(directory, "accepted.log");
        var gateway = await FakeMessageBirdServer.StartAsync(gatewayOptions);
        return new CrashScenario(directory, database, gateway, campaignId, phones);
    }

    /// <summary>The Site as it would run in production, with the MessageBird gateway aimed at the fake.</summary>
    public SiteProcess StartSite(string nodeId) => SiteProcess.Start(new Dictionary<string, string>
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Studenka__Persistence__ConnectionString"] = Database.ConnectionString,
        ["Studenka__Sms__MessageBirdAccessKey"] = AccessKey,
        ["Studenka__Sms__MessageBirdBaseUrl"] = Gateway.BaseUrl.ToString(),
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
    }, SiteLogPath);

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

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
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
