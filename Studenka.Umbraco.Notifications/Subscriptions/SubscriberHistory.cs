using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>One count a subscriber adds to: everyone (<c>total</c>, key 0), a package, a city part (any of their addresses).</summary>
public readonly record struct CountKey(string Dimension, long Key)
{
    public const string Total = "total", Package = "package", CityPart = "city_part";
}

/// <summary>The counts at the end of each month of a range (the current month: now).</summary>
public sealed record SubscriberSeries(MonthRange Range, IReadOnlyDictionary<CountKey, IReadOnlyList<long>> Counts);

/// <summary>
/// The anonymous history behind "subscribers over time" (table <c>subscriber_history</c>): every change of
/// a subscriber's counts is written as +1/−1 per count in the transaction of the change, without who.
/// The series is computed backwards from today's live counts, so the present is always exact; changes
/// this class never saw (addresses moved by a street mapping) shift only the past of those addresses.
/// </summary>
public sealed class SubscriberHistory(IDbConnectionFactory connections)
{
    /// <summary>The counts the subscriber adds to now (none when not active or gone); call before and after a change.</summary>
    public static async Task<IReadOnlySet<CountKey>> MembershipAsync(DbConnection connection, DbTransaction transaction, long subscriberId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT 'package' AS Dimension, sp.package_id AS KeyId FROM subscriber_packages sp JOIN subscribers s ON s.id = sp.subscriber_id
            WHERE s.id = @subscriberId AND s.status = 'active'
            UNION
            SELECT 'city_part', a.city_part_id FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id
            WHERE s.id = @subscriberId AND s.status = 'active'
            UNION
            SELECT 'total', 0 FROM subscribers WHERE id = @subscriberId AND status = 'active'
            """, new { subscriberId }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new CountKey(r.Dimension, r.KeyId)).ToHashSet();
    }

    /// <summary>Writes what changed between two memberships of one subscriber (nothing when equal).</summary>
    public static Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlySet<CountKey> before, IReadOnlySet<CountKey> after, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changes = before.Except(after).Select(k => (k, Delta: -1)).Concat(after.Except(before).Select(k => (k, Delta: 1)))
            .Select(c => new { At = at.ToUnixTimeMilliseconds(), c.k.Dimension, c.k.Key, c.Delta }).ToList();
        return changes.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO subscriber_history (at_ms, dimension, key_id, delta) VALUES (@At, @Dimension, @Key, @Delta)",
                changes, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Every count of the range, month by month: today's count minus the changes after each month's end.</summary>
    public async Task<SubscriberSeries> SeriesAsync(MonthRange range, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var current = (await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT 'total' AS Dimension, 0 AS KeyId, COUNT(*) AS Value FROM subscribers WHERE status = 'active'
            UNION ALL
            SELECT 'package', sp.package_id, COUNT(*) FROM subscriber_packages sp JOIN subscribers s ON s.id = sp.subscriber_id
            WHERE s.status = 'active' GROUP BY sp.package_id
            UNION ALL
            SELECT 'city_part', x.city_part_id, COUNT(*) FROM (
                SELECT DISTINCT a.subscriber_id, a.city_part_id FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.status = 'active') x
            GROUP BY x.city_part_id
            """, cancellationToken: cancellationToken))).ToDictionary(r => new CountKey(r.Dimension, r.KeyId), r => r.Value);
        var changes = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT dimension AS Dimension, key_id AS KeyId, bucket AS Bucket, CAST(SUM(delta) AS BIGINT) AS Value FROM (
                SELECT dimension, key_id, CAST({range.BucketSql("at_ms")} AS BIGINT) AS bucket, delta FROM subscriber_history WHERE at_ms >= @month_b1) x
            GROUP BY dimension, key_id, bucket
            """, range.AddParameters(new DynamicParameters()), cancellationToken: cancellationToken));

        // later[key][i] = the sum of changes in month i (i = Months.Count: after the range).
        var months = range.Months.Count;
        var later = new Dictionary<CountKey, long[]>();
        foreach (var change in changes)
        {
            var key = new CountKey(change.Dimension, change.KeyId);
            (later.TryGetValue(key, out var sums) ? sums : later[key] = new long[months + 1])[change.Bucket] += change.Value;
        }

        var series = new Dictionary<CountKey, IReadOnlyList<long>>();
        foreach (var key in current.Keys.Union(later.Keys))
        {
            var sums = later.GetValueOrDefault(key) ?? new long[months + 1];
            var counts = new long[months];
            var count = current.GetValueOrDefault(key);
            for (var i = months - 1; i >= 0; i--)
            {
                count -= sums[i + 1];
                counts[i] = count;
            }

            series[key] = counts;
        }

        return new(range, series);
    }

    // Settable properties: SQLite reports no type for computed columns, so Dapper converts per member.
    private sealed class Row
    {
        public string Dimension { get; init; } = "";

        public long KeyId { get; init; }

        public long Bucket { get; init; }

        public long Value { get; init; }
    }
}
