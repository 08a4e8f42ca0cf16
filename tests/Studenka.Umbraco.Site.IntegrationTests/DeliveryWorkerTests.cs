using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

public sealed class DeliveryWorkerTests
{
    [Fact]
    public async Task The_site_sends_a_campaign_due_now_through_the_sandbox_when_woken()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            // A long poll proves the wake-up, not the timer, delivered it.
            ["Studenka:Delivery:PollIntervalSeconds"] = "3600",
            ["Studenka:Delivery:NodeId"] = "test-node",
        });
        _ = site.Services;
        var now = site.Time.GetUtcNow().ToUnixTimeMilliseconds();
        long campaign;
        using (var db = site.OpenDatabase())
        {
            var part = db.ExecuteScalar<long>("SELECT id FROM city_parts ORDER BY id LIMIT 1");
            for (var i = 0; i < 3; i++)
            {
                var id = db.ExecuteScalar<long>(
                    "INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms) VALUES (@phone, 'active', 'v1', @now, @now, @now) RETURNING id",
                    new { phone = $"+42060300000{i}", now });
                db.Execute("INSERT INTO subscriber_packages (subscriber_id, package_id) VALUES (@id, 1)", new { id });
                db.Execute("INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id) VALUES (@id, 1, @part)", new { id, part });
            }

            campaign = db.ExecuteScalar<long>("""
                INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, due_at_ms, created_at_ms, updated_at_ms)
                VALUES (1, 'Povodeň', 'keep', 'Povodeň: opusťte sklepy', 'ucs2', 1, 'manual', 'test', 'scheduled', @now, @now, @now) RETURNING id
                """, new { now });
        }

        site.Services.GetRequiredService<DeliverySignal>().Wake();

        var state = await EventuallyAsync(site, campaign);
        Assert.Equal("sent", state);
        using var check = site.OpenDatabase();
        var sandbox = check.Query<(string Recipient, string Body)>("SELECT recipient, body FROM sandbox_sms ORDER BY recipient").ToList();
        Assert.Equal(["+420603000000", "+420603000001", "+420603000002"], sandbox.Select(s => s.Recipient));
        Assert.All(sandbox, s => Assert.Equal("Povodeň: opusťte sklepy", s.Body));
    }

    /// <summary>The worker runs on its own thread: wait for the outcome a user would see, with a deadline.</summary>
    private static async Task<string> EventuallyAsync(StudenkaSiteFactory site, long campaign)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using (var db = site.OpenDatabase())
            {
                var state = db.ExecuteScalar<string>("SELECT state FROM campaigns WHERE id = @campaign", new { campaign })!;
                if (state != "scheduled" && state != "sending" || deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    return state;
                }
            }

            await Task.Delay(50);
        }
    }
}
