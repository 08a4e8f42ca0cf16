using System.Globalization;
using Dapper;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Testing;
using Xunit.Abstractions;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// A campaign's e-mails through a real SMTP server on 127.0.0.1 while the Site is killed with
/// SIGKILL mid-send, three times. After the last restart every row is final, and each address
/// reached the server exactly once, except rows reported 'unknown' (the kill cut their message:
/// at most once). Nothing lost, nothing sent twice.
/// </summary>
public sealed class EmailDeliveryCrashTests(ITestOutputHelper output)
{
    private const int Recipients = 300;
    private static readonly TimeSpan ToFinish = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_campaigns_emails_are_received_exactly_once_across_sigkills()
    {
        var seed = Random.Shared.Next(1, 1_000_000);
        await using var scenario = await CrashScenario.CreateAsync(1, seed, new FakeMessageBirdOptions(), campaign: false);
        using var smtp = new SmtpTestServer();
        output.WriteLine($"seed {seed}; files in {scenario.Directory_}");
        var addresses = Enumerable.Range(0, Recipients).Select(i => $"obyvatel{i:000}@example.cz").ToList();
        await AddEmailCampaignAsync(scenario, addresses);
        var email = new Dictionary<string, string>
        {
            ["Studenka__Email__Provider"] = "Smtp",
            ["Studenka__Email__Host"] = "127.0.0.1",
            ["Studenka__Email__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Studenka__Email__Security"] = "None",
            ["Studenka__Email__PerSecond"] = "100",
        };
        var random = new Random(seed);
        for (var kill = 0; kill < 3; kill++)
        {
            using var site = scenario.StartSite("crash-email", extra: email);
            var target = smtp.Received.Count + random.Next(5, 60);
            await CrashScenario.WaitUntilAsync(() => Task.FromResult(smtp.Received.Count >= target), ToFinish, site,
                () => Task.FromResult($"waiting for {target} e-mails before kill {kill + 1}, {smtp.Received.Count} so far"));
            site.KillHard();
        }

        using (var site = scenario.StartSite("crash-email", extra: email))
        {
            await CrashScenario.WaitUntilAsync(async () => (await RowsAsync(scenario)).All(r => r.Status is "accepted" or "unknown" or "failed"), ToFinish, site,
                async () => $"rows still waiting: {(await RowsAsync(scenario)).Count(r => r.Status is not ("accepted" or "unknown" or "failed"))}");
        }

        var times = smtp.Received.GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        var rows = await RowsAsync(scenario);
        output.WriteLine($"{rows.Count(r => r.Status == "unknown")} unknown, {smtp.Received.Count} received");
        Assert.Equal(addresses, rows.Select(r => r.Address).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.True(
            r.Status == "accepted" ? times.GetValueOrDefault(r.Address) == 1 : r.Status == "unknown" && times.GetValueOrDefault(r.Address) <= 1,
            $"seed {seed}: {r.Address} ended {r.Status} and reached the server {times.GetValueOrDefault(r.Address)}x"));
    }

    /// <summary>A campaign being sent with one e-mail row per address, as the snapshot writes them.</summary>
    private static async Task AddEmailCampaignAsync(CrashScenario scenario, IReadOnlyList<string> addresses)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await scenario.Database.Connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var campaign = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, due_at_ms, snapshot_at_ms, created_at_ms, updated_at_ms)
            VALUES (1, 'Uzavřená voda v ulici Butovická do 18:00.', 'keep', 'Uzavrena voda', 'gsm7', 1, 'manual', 'crash-test', 'sending', @now, @now, @now, @now) RETURNING id
            """, new { now }, transaction);
        foreach (var address in addresses)
        {
            await connection.ExecuteAsync("""
                INSERT INTO outbox (lane, campaign_id, channel, address, status, next_attempt_at_ms, created_at_ms, updated_at_ms)
                VALUES ('campaign', @campaign, 'email', @address, 'pending', @now, @now, @now)
                """, new { campaign, address, now }, transaction);
        }

        await transaction.CommitAsync();
    }

    private static async Task<List<(string Address, string Status)>> RowsAsync(CrashScenario scenario)
    {
        await using var connection = await scenario.Database.Connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string)>("SELECT address, status FROM outbox WHERE channel = 'email' ORDER BY address")).ToList();
    }
}
