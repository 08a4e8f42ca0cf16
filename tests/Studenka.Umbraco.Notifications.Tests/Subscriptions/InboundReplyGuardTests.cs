using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class InboundReplyGuardTests
{
    // 22:30 UTC is 23:30 in Prague: the town's day ends half an hour later.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.Zero));

    private InboundReplyGuard Guard(TestDatabase db, int cap = 100)
    {
        var options = Options.Create(new SubscriptionOptions { DailyInboundReplyCap = cap });
        return new InboundReplyGuard(db.Connections, new InstallationSecrets(db.Connections), new TownCalendar(options, _time), options, _time);
    }

    [Testing.PostgresFact]
    public async Task On_PostgreSQL_many_numbers_at_once_each_get_their_reply_and_the_cap_still_holds()
    {
        // Serializable transactions on PostgreSQL fail with 40001 when they overlap; they are run again, not lost.
        await using var db = await TestDatabase.CreateAsync(_time, engine: DatabaseProvider.PostgreSql);
        var guard = Guard(db, cap: 30);

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => guard.TryReserveAsync($"+42060100{i:0000}", CancellationToken.None))));

        Assert.Equal(30, replies.Count(r => r is not null));
        await using var connection = await db.OpenAsync();
        Assert.Equal(30, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_replies"));
    }

    [Fact]
    public async Task One_reply_per_number_until_the_town_day_ends()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var guard = Guard(db);

        Assert.NotNull(await guard.TryReserveAsync("+420601123456", CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Null(await guard.TryReserveAsync("+420601123456", CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(await guard.TryReserveAsync("+420601123456", CancellationToken.None));
    }

    [Fact]
    public async Task The_daily_cap_stops_replies_to_new_numbers_too()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var guard = Guard(db, cap: 2);

        Assert.NotNull(await guard.TryReserveAsync("+420601000001", CancellationToken.None));
        Assert.NotNull(await guard.TryReserveAsync("+420601000002", CancellationToken.None));
        Assert.Null(await guard.TryReserveAsync("+420601000003", CancellationToken.None));
    }

    [Fact]
    public async Task The_log_keeps_no_phone_number()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        await Guard(db).TryReserveAsync("+420601123456", CancellationToken.None);

        await using var connection = await db.OpenAsync();
        var hash = await connection.ExecuteScalarAsync<string>("SELECT phone_hash FROM inbound_replies");
        Assert.DoesNotContain("601123456", hash, StringComparison.Ordinal);
    }
}
