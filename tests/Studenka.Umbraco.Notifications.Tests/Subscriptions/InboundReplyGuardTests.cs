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
    public async Task A_released_reservation_lets_the_number_be_answered_again()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var guard = Guard(db);

        await guard.ReleaseAsync((await guard.TryReserveAsync("+420601123456", CancellationToken.None))!, CancellationToken.None);

        Assert.NotNull(await guard.TryReserveAsync("+420601123456", CancellationToken.None));
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
