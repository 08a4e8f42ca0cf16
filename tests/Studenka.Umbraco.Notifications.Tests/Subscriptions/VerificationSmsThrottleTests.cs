using System.Net;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class VerificationSmsThrottleTests
{
    private const string Phone = "+420603123456";

    // Starts early in the year: FakeTimeProvider only moves forward, and the DST tests jump to March and October.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    private VerificationSmsThrottle Throttle(
        TestDatabase db, Action<SubscriptionOptions>? configure = null, ILogger<VerificationSmsThrottle>? logger = null, RuntimeSettings? settings = null)
    {
        var options = new SubscriptionOptions();
        configure?.Invoke(options);
        return new VerificationSmsThrottle(db.Connections, new InstallationSecrets(db.Connections), new TownCalendar(Options.Create(options), _time),
            new AuditLog(db.Connections, _time), settings ?? Settings(db, options), Options.Create(options), _time, logger ?? NullLogger<VerificationSmsThrottle>.Instance);
    }

    /// <summary>The run-time settings over <paramref name="options"/>' defaults (where an administrator's cap is stored).</summary>
    private RuntimeSettings Settings(TestDatabase db, SubscriptionOptions options) =>
        new(db.Connections, new AuditLog(db.Connections, _time), new TownCalendar(Options.Create(options), _time), Options.Create(new CampaignOptions()),
            Options.Create(new SmsOptions()), Options.Create(new PrivacyOptions()), Options.Create(options), _time, NullLogger<RuntimeSettings>.Instance);

    private VerificationCap Cap(TestDatabase db, RuntimeSettings settings, SubscriptionOptions options) =>
        new(db.Connections, settings, new TownCalendar(Options.Create(options), _time));

    private static string OtherPhone(int i) => $"+42077700{i:D4}";

    private static Task<ThrottleDecision> ReserveAsync(VerificationSmsThrottle throttle, string phone = Phone, string? client = null) =>
        throttle.TryReserveAsync(phone, client is null ? null : IPAddress.Parse(client), CancellationToken.None);

    [Fact]
    public async Task A_second_code_within_a_minute_is_refused_with_the_seconds_to_wait()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db);
        var first = await ReserveAsync(throttle);
        _time.Advance(TimeSpan.FromSeconds(20));

        var second = await ReserveAsync(throttle);

        Assert.True(first.IsAllowed);
        Assert.Equal(ThrottleOutcome.Cooldown, second.Outcome);
        Assert.Equal(40, second.RetryAfterSeconds);
    }

    [Fact]
    public async Task A_second_code_after_the_cooldown_is_allowed()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db);
        await ReserveAsync(throttle);
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.True((await ReserveAsync(throttle)).IsAllowed);
    }

    [Fact]
    public async Task The_cooldown_of_one_number_does_not_hold_up_another()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db);
        await ReserveAsync(throttle);

        Assert.True((await ReserveAsync(throttle, OtherPhone(1))).IsAllowed);
    }

    [Fact]
    public async Task One_number_gets_at_most_five_codes_in_24_hours()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await ReserveAsync(throttle)).IsAllowed, $"code {i + 1} should be allowed");
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var sixth = await ReserveAsync(throttle);

        Assert.Equal(ThrottleOutcome.PhoneDailyLimit, sixth.Outcome);
        Assert.True(sixth.RetryAfterSeconds > 0);
    }

    [Fact]
    public async Task The_per_number_limit_is_a_rolling_24_hours()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.MaxCodesPerPhonePerDay = 2);
        var start = _time.GetUtcNow();
        await ReserveAsync(throttle);
        _time.Advance(TimeSpan.FromHours(1));
        await ReserveAsync(throttle);

        _time.SetUtcNow(start.AddHours(24) - TimeSpan.FromSeconds(1));
        var justBefore = await ReserveAsync(throttle);
        _time.SetUtcNow(start.AddHours(24));
        var dayLater = await ReserveAsync(throttle);

        Assert.Equal(ThrottleOutcome.PhoneDailyLimit, justBefore.Outcome);
        Assert.True(dayLater.IsAllowed);
    }

    [Fact]
    public async Task The_site_wide_cap_stops_codes_to_every_number()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ReserveAsync(throttle, OtherPhone(i))).IsAllowed);
        }

        var fourth = await ReserveAsync(throttle, OtherPhone(99));

        Assert.Equal(ThrottleOutcome.GlobalDailyCap, fourth.Outcome);
    }

    [Theory]
    [InlineData("2026-01-15T22:20:00Z", "2026-01-15T22:30:00Z", "2026-01-15T23:05:00Z")] // winter, UTC+1: 23:20, 23:30 → 00:05
    [InlineData("2026-07-15T21:20:00Z", "2026-07-15T21:30:00Z", "2026-07-15T22:05:00Z")] // summer, UTC+2: 23:20, 23:30 → 00:05
    public async Task The_site_wide_cap_resets_at_midnight_in_Prague_not_in_UTC(string first, string capReached, string afterMidnight)
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 2);
        _time.SetUtcNow(DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        await ReserveAsync(throttle, OtherPhone(1));
        _time.SetUtcNow(DateTimeOffset.Parse(capReached, System.Globalization.CultureInfo.InvariantCulture));
        await ReserveAsync(throttle, OtherPhone(2));

        var beforeMidnight = await ReserveAsync(throttle, OtherPhone(3));
        _time.SetUtcNow(DateTimeOffset.Parse(afterMidnight, System.Globalization.CultureInfo.InvariantCulture));
        var nextPragueDay = await ReserveAsync(throttle, OtherPhone(4));

        Assert.Equal(ThrottleOutcome.GlobalDailyCap, beforeMidnight.Outcome);
        Assert.True(nextPragueDay.IsAllowed, "00:05 in Prague is a new calendar day");
    }

    [Fact]
    public async Task On_the_spring_switch_to_summer_time_codes_sent_late_the_evening_before_do_not_count()
    {
        // 28 March 2026 23:10 and 23:30 CET (UTC+1); 29 March starts at 23:00 UTC and switches to CEST at 01:00 UTC.
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 2);
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 28, 22, 10, 0, TimeSpan.Zero));
        await ReserveAsync(throttle, OtherPhone(1));
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 28, 22, 30, 0, TimeSpan.Zero));
        await ReserveAsync(throttle, OtherPhone(2));

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.FromHours(2)));
        var noonOfSwitchDay = await ReserveAsync(throttle, OtherPhone(3));

        Assert.True(noonOfSwitchDay.IsAllowed, "29 March began at 00:00 CET; yesterday's codes must not count");
    }

    [Fact]
    public async Task On_the_autumn_switch_to_winter_time_codes_sent_just_after_midnight_count_for_that_day()
    {
        // 25 October 2026 starts at 22:00 UTC on the 24th (CEST, UTC+2) and switches to CET at 01:00 UTC.
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 2);
        _time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 10, 0, TimeSpan.FromHours(2)));
        await ReserveAsync(throttle, OtherPhone(1));
        _time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.FromHours(2)));
        await ReserveAsync(throttle, OtherPhone(2));

        _time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.FromHours(1)));
        var noonOfSwitchDay = await ReserveAsync(throttle, OtherPhone(3));
        _time.SetUtcNow(new DateTimeOffset(2026, 10, 26, 0, 5, 0, TimeSpan.FromHours(1)));
        var nextDay = await ReserveAsync(throttle, OtherPhone(4));

        Assert.Equal(ThrottleOutcome.GlobalDailyCap, noonOfSwitchDay.Outcome);
        Assert.True(nextDay.IsAllowed);
    }

    [Fact]
    public async Task The_log_hash_is_keyed_per_installation_so_it_cannot_be_recomputed_from_the_source()
    {
        await using var first = await TestDatabase.CreateAsync(_time);
        await using var second = await TestDatabase.CreateAsync(_time);
        await ReserveAsync(Throttle(first));
        await ReserveAsync(Throttle(second));

        await using var a = await first.OpenAsync();
        await using var b = await second.OpenAsync();
        var hashA = await a.ExecuteScalarAsync<string>("SELECT phone_hash FROM verification_sms_log");
        var hashB = await b.ExecuteScalarAsync<string>("SELECT phone_hash FROM verification_sms_log");

        Assert.NotEqual(hashA, hashB);
    }

    [Fact]
    public async Task The_log_does_not_contain_the_phone_number()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        await ReserveAsync(Throttle(db));

        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<string>("SELECT phone_hash || '|' || sent_at_ms FROM verification_sms_log")).ToList();

        var row = Assert.Single(rows);
        Assert.DoesNotContain("603123456", row, StringComparison.Ordinal);
        Assert.DoesNotContain("603 123 456", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_entries_older_than_two_days_are_trimmed()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db);
        await ReserveAsync(throttle, OtherPhone(1));
        _time.Advance(TimeSpan.FromDays(3));

        await ReserveAsync(throttle, OtherPhone(2));

        await using var connection = await db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM verification_sms_log"));
    }

    [Fact]
    public async Task The_address_limit_refuses_until_its_oldest_sms_leaves_the_window_and_says_so()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.IpPermitLimit = 2);
        var start = _time.GetUtcNow();
        await ReserveAsync(throttle, OtherPhone(1), "192.0.2.7");
        _time.Advance(TimeSpan.FromMinutes(5));
        await ReserveAsync(throttle, OtherPhone(2), "192.0.2.7");
        _time.Advance(TimeSpan.FromMinutes(1));

        var refused = await ReserveAsync(throttle, OtherPhone(3), "192.0.2.7");
        var otherAddress = await ReserveAsync(throttle, OtherPhone(4), "203.0.113.9");
        _time.SetUtcNow(start.AddMinutes(15));
        var windowOver = await ReserveAsync(throttle, OtherPhone(3), "192.0.2.7");

        Assert.Equal(ThrottleOutcome.ClientLimit, refused.Outcome);
        Assert.Equal(9 * 60, refused.RetryAfterSeconds);
        Assert.Equal(start.AddMinutes(15), refused.RetryAt);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAt!.Value.Offset);
        Assert.True(otherAddress.IsAllowed);
        Assert.True(windowOver.IsAllowed);
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.254", "::ffff:192.0.2.9", "192.0.3.1")]
    [InlineData("2001:db8:0:1::1", "2001:db8:0:ff:1:2:3:4", "2001:db8::1", "2001:db8:0:100::1")]
    public async Task Addresses_of_one_network_share_its_limit_and_another_network_is_free(string first, string second, string sameNetwork, string otherNetwork)
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.NetworkPermitLimit = 2);
        await ReserveAsync(throttle, OtherPhone(1), first);
        await ReserveAsync(throttle, OtherPhone(2), second);

        var refused = await ReserveAsync(throttle, OtherPhone(3), sameNetwork);
        var other = await ReserveAsync(throttle, OtherPhone(4), otherNetwork);

        Assert.Equal(ThrottleOutcome.NetworkLimit, refused.Outcome);
        Assert.Equal(15 * 60, refused.RetryAfterSeconds);
        Assert.True(other.IsAllowed);
    }

    [Fact]
    public async Task One_network_gets_at_most_its_daily_limit_in_24_hours()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.NetworkDailyLimit = 3);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ReserveAsync(throttle, OtherPhone(i), $"198.51.100.{i + 1}")).IsAllowed);
            _time.Advance(TimeSpan.FromHours(1));
        }

        var refused = await ReserveAsync(throttle, OtherPhone(9), "198.51.100.50");

        Assert.Equal(ThrottleOutcome.NetworkLimit, refused.Outcome);
        Assert.Equal(start.AddDays(1), refused.RetryAt);
    }

    [Fact]
    public async Task The_per_number_limit_says_when_its_oldest_code_ages_out()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.MaxCodesPerPhonePerDay = 2);
        var start = _time.GetUtcNow();
        await ReserveAsync(throttle);
        _time.Advance(TimeSpan.FromHours(2));
        await ReserveAsync(throttle);
        _time.Advance(TimeSpan.FromHours(1));

        var refused = await ReserveAsync(throttle);

        Assert.Equal(ThrottleOutcome.PhoneDailyLimit, refused.Outcome);
        Assert.Equal(start.AddDays(1), refused.RetryAt);
        Assert.Equal(21 * 3600, refused.RetryAfterSeconds);
    }

    [Fact]
    public async Task The_site_wide_cap_says_the_next_Prague_midnight()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 1);
        await ReserveAsync(throttle, OtherPhone(1));

        var refused = await ReserveAsync(throttle, OtherPhone(2));

        // 1 January 08:00 UTC is 09:00 in Prague; the day ends at 23:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.FromHours(1)), refused.RetryAt);
        Assert.Equal(15 * 3600, refused.RetryAfterSeconds);
    }

    [Testing.PostgresFact]
    public async Task On_PostgreSQL_many_numbers_at_once_each_get_their_code_and_the_cap_still_holds()
    {
        // Serializable transactions on PostgreSQL fail with 40001 when they overlap; they are run again, not lost.
        await using var db = await TestDatabase.CreateAsync(_time, engine: DatabaseProvider.PostgreSql);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 30);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => ReserveAsync(throttle, OtherPhone(i), $"10.{i}.0.1"))));

        Assert.Equal(30, decisions.Count(d => d.IsAllowed));
        Assert.Equal(10, decisions.Count(d => d.Outcome == ThrottleOutcome.GlobalDailyCap));
        await using var connection = await db.OpenAsync();
        Assert.Equal(30, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM verification_sms_log"));
    }

    [Testing.PostgresFact]
    public async Task On_PostgreSQL_administrators_setting_the_cap_at_once_all_succeed_and_each_change_is_audited()
    {
        await using var db = await TestDatabase.CreateAsync(_time, engine: DatabaseProvider.PostgreSql);
        var options = new SubscriptionOptions { DailyVerificationSmsCap = 1 };
        var cap = Cap(db, Settings(db, options), options);

        var views = await Task.WhenAll(Enumerable.Range(2, 10).Select(i => Task.Run(() => cap.SetAsync(i, new OperatorIdentity($"admin{i}", $"Správce {i}"), CancellationToken.None))));

        Assert.Equal(Enumerable.Range(2, 10), views.Select(v => v.DailyCap).Order());
        var changes = (await new AuditLog(db.Connections, _time).ReadAsync(50, CancellationToken.None))
            .Where(e => e.Action == "settings.changed" && e.Subject == SettingNames.VerificationCap).ToList();
        Assert.Equal(10, changes.Count);
        // Each change names the value it really replaced: one chain from the default to the last value set.
        var final = (await cap.ViewAsync(CancellationToken.None)).DailyCap;
        Assert.Equal(1, changes.Count(e => e.Details!.StartsWith("1 → ", StringComparison.Ordinal)));
        Assert.Contains(views, v => v.DailyCap == final);
    }

    [Fact]
    public async Task A_cap_set_by_an_administrator_applies_at_once_and_is_audited()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var options = new SubscriptionOptions { DailyVerificationSmsCap = 1 };
        var settings = Settings(db, options);
        var cap = Cap(db, settings, options);
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 1, settings: settings);
        await ReserveAsync(throttle, OtherPhone(1));
        Assert.Equal(ThrottleOutcome.GlobalDailyCap, (await ReserveAsync(throttle, OtherPhone(2))).Outcome);

        var view = await cap.SetAsync(2, new OperatorIdentity("jana", "Jana Nováková"), CancellationToken.None);

        Assert.Equal(new VerificationCapView(2, 1, 1, _time.GetUtcNow(), "Jana Nováková"), view);
        Assert.True((await ReserveAsync(throttle, OtherPhone(2))).IsAllowed);
        Assert.Equal(ThrottleOutcome.GlobalDailyCap, (await ReserveAsync(throttle, OtherPhone(3))).Outcome);
        var entry = Assert.Single(await new AuditLog(db.Connections, _time).ReadAsync(10, CancellationToken.None), e => e.Action == "settings.changed");
        Assert.Equal(SettingNames.VerificationCap, entry.Subject);
        Assert.Equal("Jana Nováková (jana)", entry.Actor);
        Assert.Equal("1 → 2", entry.Details);
    }

    [Fact]
    public async Task Administrators_are_alerted_once_per_threshold_and_town_day()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var log = new WarningLog();
        var throttle = Throttle(db, o => o.DailyVerificationSmsCap = 5, log);
        for (var i = 0; i < 7; i++)
        {
            await ReserveAsync(throttle, OtherPhone(i));
        }

        _time.Advance(TimeSpan.FromDays(1));
        for (var i = 10; i < 14; i++)
        {
            await ReserveAsync(throttle, OtherPhone(i));
        }

        var alerts = (await new AuditLog(db.Connections, _time).ReadAsync(10, CancellationToken.None)).Reverse().Select(e => (e.Actor, e.Action, e.Subject)).ToList();
        Assert.Equal(
        [
            ("Systém SMS (system)", "sms.verification-cap.near", "2026-01-01"),
            ("Systém SMS (system)", "sms.verification-cap.reached", "2026-01-01"),
            ("Systém SMS (system)", "sms.verification-cap.near", "2026-01-02"),
        ], alerts);
        Assert.Equal(3, log.Warnings.Count);
        Assert.Contains("4 of 5", log.Warnings[0], StringComparison.Ordinal);
    }

    /// <summary>Keeps the warnings the throttle logs for administrators.</summary>
    private sealed class WarningLog : ILogger<VerificationSmsThrottle>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
