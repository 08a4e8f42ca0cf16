using Dapper;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>
/// The service lane is looked at before every campaign batch, so that look must not walk the
/// campaign's pending rows (100,000 of them in a large campaign): SQLite's plan must use the small
/// service-only index. (SQLite-specific: EXPLAIN QUERY PLAN.)
/// </summary>
public sealed class ServiceLanePlanTests
{
    [Theory]
    [InlineData("SELECT 1 FROM outbox WHERE lane = 'service' AND status = 'pending' AND next_attempt_at_ms <= 5 LIMIT 1")]
    [InlineData("SELECT s.id FROM outbox s WHERE s.lane = 'service' AND s.status = 'pending' AND s.next_attempt_at_ms <= 5 ORDER BY s.next_attempt_at_ms, s.id LIMIT 1")]
    [InlineData("SELECT id FROM outbox WHERE lane = 'service' AND updated_at_ms < 5 AND status IN ('accepted', 'failed', 'unknown', 'cancelled')")]
    // The SMS channel's look at its service lane, as the claim asks it since e-mail came (issue 12).
    [InlineData("SELECT s.id FROM outbox s WHERE s.lane = 'service' AND s.status = 'pending' AND s.next_attempt_at_ms <= 5 AND s.channel = 'sms' ORDER BY s.next_attempt_at_ms, s.id LIMIT 1")]
    public async Task The_service_lane_queries_use_the_service_only_indexes(string query)
    {
        Assert.Contains("ix_outbox_service", await PlanAsync(query), StringComparison.Ordinal);
    }

    /// <summary>The e-mail claim finds its row in the e-mail-only index, never walking the SMS rows that wait in ix_outbox_claim.</summary>
    [Fact]
    public async Task The_email_claim_uses_the_email_only_index_in_claim_order()
    {
        var plan = await PlanAsync(
            "SELECT e.id FROM outbox e WHERE e.channel = 'email' AND e.status = 'pending' AND e.next_attempt_at_ms <= 5 AND e.lane = 'campaign' ORDER BY e.next_attempt_at_ms, e.id LIMIT 1");

        Assert.Contains("ix_outbox_email", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(string query)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.OpenAsync();
        return string.Join(" | ", (await connection.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + query)).Select(r => r.Detail));
    }
}
