using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class QuietHoursTests
{
    private const int Crisis = 1;
    private const int Operational = 2;

    private static QuietHours Create(CampaignOptions? options = null) =>
        new(QuietWindow.FromOptions(options ?? new CampaignOptions()), new TownCalendar(Options.Create(new SubscriptionOptions()), new FakeTimeProvider()));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    // Winter (UTC+1): 10:00 local is outside; 21:30 local waits for 07:00 local next day; 03:00 local waits for 07:00 the same day.
    [InlineData("2026-11-27T09:00:00Z", "2026-11-27T09:00:00Z")]
    [InlineData("2026-11-27T20:30:00Z", "2026-11-28T06:00:00Z")]
    [InlineData("2026-11-27T02:00:00Z", "2026-11-27T06:00:00Z")]
    // Exactly at the start is inside; exactly at the end is outside.
    [InlineData("2026-11-27T20:00:00Z", "2026-11-28T06:00:00Z")]
    [InlineData("2026-11-27T06:00:00Z", "2026-11-27T06:00:00Z")]
    [InlineData("2026-11-27T19:59:00Z", "2026-11-27T19:59:00Z")]
    // Summer (UTC+2): 22:00 local is 20:00 UTC and waits for 07:00 local = 05:00 UTC.
    [InlineData("2026-07-01T20:00:00Z", "2026-07-02T05:00:00Z")]
    // New Year's Eve crosses midnight and the year.
    [InlineData("2026-12-31T22:30:00Z", "2027-01-01T06:00:00Z")]
    public void A_non_crisis_message_inside_the_night_window_waits_for_seven_in_the_morning_Prague_time(string requested, string expected)
    {
        var mayGo = Create().MayGoAt(Operational, DateTimeOffset.Parse(requested, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), mayGo);
    }

    public static TheoryData<string> CalendarEdges => new()
    {
        // 22:00 local on the calendar's last day: the window would end on a day that does not exist.
        "9999-12-31T22:00:00+01:00",
        "9999-12-31T20:59:00Z",
        "9999-12-30T23:30:00+01:00",
    };

    [Theory]
    [MemberData(nameof(CalendarEdges))]
    public void At_the_calendars_last_days_a_message_inside_the_window_never_goes_instead_of_throwing(string requested)
    {
        Assert.Equal(DateTimeOffset.MaxValue, Create().MayGoAt(Operational, DateTimeOffset.Parse(requested, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_calendars_ends_themselves_do_not_throw()
    {
        var quiet = Create();

        Assert.Equal(DateTimeOffset.MaxValue, quiet.MayGoAt(Operational, DateTimeOffset.MaxValue));
        Assert.Equal(DateTimeOffset.MinValue, quiet.MayGoAt(Operational, DateTimeOffset.MinValue));
        Assert.Equal(DateTimeOffset.MaxValue, quiet.MayGoAt(Crisis, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_crisis_message_goes_at_once_even_at_midnight()
    {
        var midnight = Utc(11, 27, 23);

        Assert.Equal(midnight, Create().MayGoAt(Crisis, midnight));
    }

    [Fact]
    public void On_the_spring_switch_day_the_night_ends_at_seven_summer_time()
    {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST. 22:00 CET on the 28th waits until 07:00 CEST = 05:00 UTC.
        var quiet = Create();

        Assert.Equal(Utc(3, 29, 5), quiet.MayGoAt(Operational, Utc(3, 28, 21)));
        Assert.Equal(Utc(3, 29, 5), quiet.MayGoAt(Operational, Utc(3, 29, 1, 30)));
        Assert.Equal(Utc(3, 29, 5), quiet.MayGoAt(Operational, Utc(3, 29, 5)));
    }

    [Fact]
    public void On_the_autumn_switch_day_the_night_ends_at_seven_winter_time_even_during_the_repeated_hour()
    {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice (00:30 and 01:30 UTC).
        var quiet = Create();

        Assert.Equal(Utc(10, 25, 6), quiet.MayGoAt(Operational, Utc(10, 24, 21)));
        Assert.Equal(Utc(10, 25, 6), quiet.MayGoAt(Operational, Utc(10, 25, 0, 30)));
        Assert.Equal(Utc(10, 25, 6), quiet.MayGoAt(Operational, Utc(10, 25, 1, 30)));
        Assert.Equal(Utc(10, 25, 6), quiet.MayGoAt(Operational, Utc(10, 25, 6)));
    }

    [Fact]
    public void A_window_ending_inside_the_skipped_spring_hour_ends_when_the_clocks_jump()
    {
        var options = new CampaignOptions();
        options.QuietHours["2"] = new QuietHoursWindow { Start = "23:00", End = "02:30" };

        // At 01:00 UTC the clocks jump from 02:00 CET to 03:00 CEST: from then on it is past 02:30.
        Assert.Equal(Utc(3, 29, 1), Create(options).MayGoAt(Operational, Utc(3, 28, 23)));
    }

    [Fact]
    public void A_window_within_one_day_holds_messages_only_between_its_bounds()
    {
        var options = new CampaignOptions();
        options.QuietHours["4"] = new QuietHoursWindow { Start = "12:00", End = "13:30" };
        var quiet = Create(options);

        Assert.Equal(Utc(11, 27, 12, 30), quiet.MayGoAt(4, Utc(11, 27, 11, 15)));
        Assert.Equal(Utc(11, 27, 10), quiet.MayGoAt(4, Utc(11, 27, 10)));
        Assert.Equal(Utc(11, 27, 22), quiet.MayGoAt(4, Utc(11, 27, 22)));
    }

    [Fact]
    public void A_package_configured_without_a_window_is_never_held()
    {
        var options = new CampaignOptions();
        options.QuietHours.Remove("3");

        Assert.Equal(Utc(11, 27, 23), Create(options).MayGoAt(3, Utc(11, 27, 23)));
        Assert.Null(Create(options).Window(3));
    }
}
