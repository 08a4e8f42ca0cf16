using System.Globalization;
using Studenka.Umbraco.FakeMessageBird;
using Xunit.Abstractions;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// A 10,000-resident campaign sent by the real Site through the MessageBird client to a fake
/// MessageBird, while the Site is killed with SIGKILL or the gateway misbehaves. The seed is printed
/// (and in every failure message); replay a failure with STUDENKA_CRASH_SEED=n, keep its files
/// (database, site-<node>.log, accepted.log) with STUDENKA_CRASH_KEEP=1.
/// </summary>
public sealed class CampaignDeliveryCrashTests(ITestOutputHelper output)
{
    private const int Residents = 10_000;
    private static readonly TimeSpan ToFinish = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_campaign_killed_with_sigkill_at_random_points_reaches_every_resident_once_except_rows_reported_unknown()
    {
        var seed = Seed();
        var random = new Random(seed);
        var latency = TimeSpan.FromMilliseconds(random.Next(5, 21));
        await using var scenario = await CrashScenario.CreateAsync(Residents, seed, new FakeMessageBirdOptions { Latency = latency });
        // Requests the campaign needs at least, even if every kill turned a full round of batches 'unknown'.
        var killPoints = KillPoints(random, count: random.Next(3, 6), maxRequest: 160);
        output.WriteLine($"seed {seed}: latency {latency.TotalMilliseconds} ms, kill after requests {string.Join(", ", killPoints)}, files in {scenario.Directory_}");

        var kills = 0;
        foreach (var point in killPoints)
        {
            // Another NodeId is another node: it must wait for the dead one's leases to expire.
            using var site = scenario.StartSite(random.Next(2) == 0 ? "crash-a" : "crash-b");
            await CrashScenario.WaitUntilAsync(() => Task.FromResult(scenario.Gateway.TotalRequests >= point), ToFinish, site,
                async () => $"seed {seed}: waiting for request {point} before kill {kills + 1}; gateway saw {scenario.Gateway.TotalRequests}; {await scenario.ProgressAsync()}",
                every: TimeSpan.FromMilliseconds(2));
            site.KillHard();
            kills++;
            output.WriteLine($"kill {kills} (pid {site.Id}) after {scenario.Gateway.TotalRequests} requests: {await scenario.ProgressAsync()}");
        }

        await FinishAsync(scenario, seed);
        var progress = await scenario.ProgressAsync();
        var outbox = await scenario.Database.ReadOutboxAsync(scenario.CampaignId);
        var ledger = GatewayLedger.Read(scenario.Gateway, scenario.Gateway.Options.AcceptedLogPath!);
        output.WriteLine($"finished after {kills} kills: {progress}; gateway requests {scenario.Gateway.TotalRequests}");

        AssertEveryResidentOnceExceptUnknown(seed, scenario, outbox, ledger);
        var unknown = progress.Count("unknown");
        output.WriteLine($"of {unknown} 'unknown' rows, {outbox.Count(r => r.Value == "unknown" && ledger.Times(r.Key) == 1)} had in fact reached the gateway (a request cut by the kill after it was taken)");
        // Each of the Concurrency pipelines holds at most two marked batches: one on the wire, one committed to go next.
        Assert.True(unknown <= kills * 2 * CrashScenario.Concurrency * CrashScenario.BatchSize,
            $"seed {seed}: {unknown} rows unknown after {kills} kills; at most 2 x {CrashScenario.Concurrency} batches of {CrashScenario.BatchSize} can be marked 'sending' per kill");
        Assert.Equal(unknown, await scenario.ReportedUnknownAsync());
    }

    [Fact]
    public async Task Gateway_errors_are_retried_and_only_the_batches_whose_connection_dropped_end_unknown()
    {
        var seed = Seed();
        var options = new FakeMessageBirdOptions { Latency = TimeSpan.FromMilliseconds(5), FailureRate = 0.15, DropRate = 0.04, Seed = seed };
        await using var scenario = await CrashScenario.CreateAsync(Residents, seed, options);
        // The first requests meet the other refusals MessageBird (or a proxy) may give.
        scenario.Gateway.EnqueueFaults(FakeFault.Status429, FakeFault.Status500, FakeFault.Status429, FakeFault.Status503);
        output.WriteLine($"seed {seed}: 503 for 15 %, dropped connections for 4 % of requests; files in {scenario.Directory_}");

        await FinishAsync(scenario, seed);
        var progress = await scenario.ProgressAsync();
        var outbox = await scenario.Database.ReadOutboxAsync(scenario.CampaignId);
        var ledger = GatewayLedger.Read(scenario.Gateway, options.AcceptedLogPath!);
        output.WriteLine($"finished: {progress}; gateway: {Outcomes(scenario.Gateway)}");

        Assert.True(scenario.Gateway.Count(FakeOutcome.Status429) > 0 && scenario.Gateway.Count(FakeOutcome.Status503) > 0
            && scenario.Gateway.Count(FakeOutcome.ReceivedNotAnswered) > 0, $"seed {seed}: the faults did not all happen ({Outcomes(scenario.Gateway)})");
        AssertEveryResidentOnceExceptUnknown(seed, scenario, outbox, ledger);
        var unknown = outbox.Where(r => r.Value == "unknown").Select(r => r.Key).ToHashSet();
        Assert.True(unknown.SetEquals(ledger.InDroppedRequests),
            $"seed {seed}: 'unknown' rows must be exactly the recipients of dropped requests; unknown but not dropped: {Sample(unknown.Except(ledger.InDroppedRequests))}; dropped but not unknown: {Sample(ledger.InDroppedRequests.Except(unknown))}");
        Assert.Equal(0, progress.Count("failed"));
        Assert.Equal(unknown.Count, await scenario.ReportedUnknownAsync());
    }

    /// <summary>Starts the Site and lets it finish the campaign: 'sent', nothing left in flight.</summary>
    private static async Task FinishAsync(CrashScenario scenario, int seed)
    {
        using var site = scenario.StartSite("crash-a");
        await CrashScenario.WaitUntilAsync(async () => (await scenario.ProgressAsync()).State == "sent", ToFinish, site,
            async () => $"seed {seed}: the campaign did not reach 'sent'; {await scenario.ProgressAsync()}; gateway {Outcomes(scenario.Gateway)}",
            every: TimeSpan.FromMilliseconds(200));
    }

    internal static void AssertEveryResidentOnceExceptUnknown(int seed, CrashScenario scenario, IReadOnlyDictionary<string, string> outbox, GatewayLedger ledger)
    {
        Assert.True(outbox.Count == scenario.Phones.Count && scenario.Phones.All(outbox.ContainsKey),
            $"seed {seed}: the snapshot has {outbox.Count} rows for {scenario.Phones.Count} residents");
        var outside = ledger.AcceptedTimes.Keys.Where(p => !outbox.ContainsKey(p)).ToList();
        Assert.True(outside.Count == 0, $"seed {seed}: the gateway received phones outside the snapshot: {Sample(outside)}");
        var wrong = outbox
            .Where(row => row.Value == "unknown" ? ledger.Times(row.Key) > 1 : row.Value != "accepted" || ledger.Times(row.Key) != 1)
            .Select(row => $"{row.Key} {row.Value} received {ledger.Times(row.Key)}x")
            .ToList();
        Assert.True(wrong.Count == 0,
            $"seed {seed}: {wrong.Count} rows break 'accepted = received exactly once, unknown = at most once': {Sample(wrong)}");
    }

    private static List<int> KillPoints(Random random, int count, int maxRequest)
    {
        var points = new SortedSet<int>();
        while (points.Count < count)
        {
            points.Add(random.Next(1, maxRequest));
        }

        return [.. points];
    }

    internal static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("STUDENKA_CRASH_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : Random.Shared.Next(1, 1_000_000);

    internal static string Outcomes(FakeMessageBirdServer gateway) =>
        string.Join(", ", Enum.GetValues<FakeOutcome>().Where(o => gateway.Count(o) > 0).Select(o => $"{o}={gateway.Count(o)}"));

    internal static string Sample(IEnumerable<string> items) => string.Join("; ", items.Take(10));
}
