using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;
using Xunit.Abstractions;
using static Studenka.Umbraco.Delivery.CrashTests.CampaignDeliveryCrashTests;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// Two Site processes (two nodes, each its own NodeId, port and fake MessageBird, so the test can
/// tell their traffic apart) on one PostgreSQL database send a 20,000-resident campaign together;
/// one of them is killed with SIGKILL mid-dispatch and the other finishes alone. Replay with
/// STUDENKA_CRASH_SEED=n, keep the logs with STUDENKA_CRASH_KEEP=1 (the database is dropped).
/// </summary>
public sealed class TwoNodeCrashTests(ITestOutputHelper output)
{
    private const int Residents = 20_000;
    private const int Requests = Residents / CrashScenario.BatchSize;
    private static readonly TimeSpan ToStart = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ToFinish = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task Two_nodes_share_a_campaign_and_when_one_is_killed_the_other_finishes_it_reaching_every_resident_once_except_rows_reported_unknown()
    {
        var seed = Seed();
        var random = new Random(seed);
        await using var scenario = await CrashScenario.CreateAsync(Residents, seed, new FakeMessageBirdOptions { Latency = TimeSpan.FromMilliseconds(20) },
            DatabaseProvider.PostgreSql, gateways: 2, campaign: false);
        // Somewhere in the first half of the campaign's requests, once both nodes are sending.
        var killAfter = random.Next(Requests / 10, Requests / 2);
        var victim = random.Next(2);
        output.WriteLine($"seed {seed}: kill node {"ab"[victim]} after {killAfter} of {Requests} requests; logs in {scenario.Directory_}");

        using var nodeA = scenario.StartSite("node-a", gateway: 0);
        using var nodeB = scenario.StartSite("node-b", gateway: 1);
        SiteProcess[] nodes = [nodeA, nodeB];
        // Both up (migrated, listening) before the campaign is due, so neither has a head start of a whole boot.
        output.WriteLine($"listening: {await nodeA.ListeningAsync(ToStart)}, {await nodeB.ListeningAsync(ToStart)}");
        await scenario.AddCampaignAsync();

        var a = scenario.Gateways[0];
        var b = scenario.Gateways[1];
        await CrashScenario.WaitUntilAsync(async () =>
            {
                if (a.TotalRequests > 0 && b.TotalRequests > 0 && a.TotalRequests + b.TotalRequests >= killAfter)
                {
                    return true;
                }

                // A campaign one node sent alone means the other found nothing to claim: the claims were not shared.
                Assert.True((await scenario.ProgressAsync()).State != "sent",
                    $"seed {seed}: the campaign was sent before both nodes sent anything (node a {a.TotalRequests}, node b {b.TotalRequests} requests)");
                return false;
            }, ToFinish, nodes[victim],
            async () => $"seed {seed}: waiting for {killAfter} requests from both nodes; node a {a.TotalRequests}, node b {b.TotalRequests}; {await scenario.ProgressAsync()}",
            every: TimeSpan.FromMilliseconds(2));
        nodes[victim].KillHard();
        var atKill = (A: a.TotalRequests, B: b.TotalRequests);
        output.WriteLine($"killed node {"ab"[victim]} (pid {nodes[victim].Id}): node a had sent {atKill.A}, node b {atKill.B} requests; {await scenario.ProgressAsync()}");

        var survivor = nodes[1 - victim];
        await CrashScenario.WaitUntilAsync(async () => (await scenario.ProgressAsync()).State == "sent", ToFinish, survivor,
            async () => $"seed {seed}: the survivor did not finish; {await scenario.ProgressAsync()}; node a {Outcomes(a)}; node b {Outcomes(b)}",
            every: TimeSpan.FromMilliseconds(200));

        var progress = await scenario.ProgressAsync();
        var outbox = await scenario.Database.ReadOutboxAsync(scenario.CampaignId);
        var ledger = GatewayLedger.Read(scenario.Gateways);
        var after = scenario.Gateways[1 - victim].TotalRequests - (victim == 0 ? atKill.B : atKill.A);
        output.WriteLine($"finished: {progress}; node a {Outcomes(a)}; node b {Outcomes(b)}; the survivor sent {after} requests after the kill");

        Assert.True(atKill.A > 0 && atKill.B > 0, $"seed {seed}: both nodes must have sent before the kill (a {atKill.A}, b {atKill.B})");
        Assert.True(after > 0, $"seed {seed}: the survivor sent nothing after the kill");
        AssertEveryResidentOnceExceptUnknown(seed, scenario, outbox, ledger);
        var unknown = progress.Count("unknown");
        // The killed node's pipelines hold at most two marked batches each (one on the wire, one whose answer is not recorded yet).
        Assert.True(unknown <= 2 * CrashScenario.Concurrency * CrashScenario.BatchSize,
            $"seed {seed}: {unknown} rows unknown after one kill; at most 2 x {CrashScenario.Concurrency} batches of {CrashScenario.BatchSize}");
        Assert.Equal(unknown, await scenario.ReportedUnknownAsync());
    }
}
