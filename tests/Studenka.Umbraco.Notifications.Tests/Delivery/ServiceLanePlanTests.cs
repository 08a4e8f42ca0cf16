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
    public async Task The_service_lane_queries_use_the_service_only_indexes(string query)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.OpenAsync();

        var plan = string.Join(" | ", (await connection.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + query)).Select(r => r.Detail));

        Assert.Contains("ix_outbox_service", plan, StringComparison.Ordinal);
    }
}
