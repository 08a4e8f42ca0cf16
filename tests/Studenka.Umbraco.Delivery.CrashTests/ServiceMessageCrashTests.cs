using Dapper;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Delivery;
using Xunit.Abstractions;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// Verification SMS in the outbox's service lane under SIGKILL: each is queued (as the sign-up page
/// queues it, in its own transaction) while a campaign is on the wire, then the Site is killed. After
/// the restarts every code reached the gateway exactly once (or, if the kill cut its request, is
/// reported 'unknown' and reached it at most once); none is lost, none sent twice.
/// </summary>
public sealed class ServiceMessageCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ToFinish = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Codes_queued_just_before_a_sigkill_are_sent_exactly_once_after_the_restart()
    {
        var seed = Random.Shared.Next(1, 1_000_000);
        await using var scenario = await CrashScenario.CreateAsync(2_000, seed, new FakeMessageBirdOptions { Latency = TimeSpan.FromMilliseconds(20) });
        output.WriteLine($"seed {seed}; files in {scenario.Directory_}");
        var codes = new List<string>();
        for (var kill = 0; kill < 3; kill++)
        {
            using var site = scenario.StartSite("crash-a");
            var before = scenario.Gateway.TotalRequests;
            await CrashScenario.WaitUntilAsync(() => Task.FromResult(scenario.Gateway.TotalRequests >= before + 3), ToFinish, site,
                () => Task.FromResult($"waiting for the campaign before kill {kill + 1}"));
            var phone = $"+42077700{kill:0000}";
            await using (var connection = await scenario.Database.Connections.OpenAsync(CancellationToken.None))
            {
                await OutboxOperations.EnqueueServiceAsync(connection, null, new ServiceMessage(phone, $"Studenka: vas overovaci kod je 10000{kill}"), TimeProvider.System.GetUtcNow(), CancellationToken.None);
            }

            codes.Add(phone);
            site.KillHard();
        }

        using (var site = scenario.StartSite("crash-a"))
        {
            await CrashScenario.WaitUntilAsync(async () => (await ServiceRowsAsync(scenario)).All(r => r.Status is "accepted" or "unknown" or "failed"), ToFinish, site,
                async () => $"service rows still waiting: {string.Join(", ", await ServiceRowsAsync(scenario))}");
        }

        var ledger = GatewayLedger.Read(scenario.Gateway, scenario.Gateway.Options.AcceptedLogPath!);
        var rows = await ServiceRowsAsync(scenario);
        output.WriteLine(string.Join(", ", rows.Select(r => $"{r.Address} {r.Status} received {ledger.Times(r.Address)}x")));
        Assert.Equal(codes, rows.Select(r => r.Address));
        Assert.All(rows, r => Assert.True(r.Status == "accepted" ? ledger.Times(r.Address) == 1 : r.Status == "unknown" && ledger.Times(r.Address) <= 1,
            $"seed {seed}: {r.Address} ended {r.Status} and reached the gateway {ledger.Times(r.Address)}x"));
    }

    private static async Task<List<(string Address, string Status)>> ServiceRowsAsync(CrashScenario scenario)
    {
        await using var connection = await scenario.Database.Connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string)>("SELECT address, status FROM outbox WHERE lane = 'service' ORDER BY id")).ToList();
    }
}
