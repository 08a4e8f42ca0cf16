using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

/// <summary>Fire times in Europe/Prague around the daylight-saving switches (last Sundays of March and October 2026).</summary>
public sealed class ReminderTimesTests
{
    private static readonly TownCalendar Calendar = new(Options.Create(new SubscriptionOptions()), new FakeTimeProvider());
    private static readonly ReminderOffset DayBeforeAtNine = ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0));
    private static readonly ReminderOffset TwoHoursBefore = ReminderOffset.BeforeStart(TimeSpan.FromHours(2));

    [Fact]
    public void The_day_before_at_nine_is_nine_in_the_town_on_both_sides_of_the_spring_switch()
    {
        // Event on Monday 30 March 2026 10:00 (summer time, +02:00); the day before is the switch day itself.
        var afterSwitch = ReminderTimes.FireAt(new DateTimeOffset(2026, 3, 30, 10, 0, 0, TimeSpan.FromHours(2)), DayBeforeAtNine, Calendar);
        // Event on Sunday 29 March 18:00 (+02:00); the day before is still winter time (+01:00).
        var beforeSwitch = ReminderTimes.FireAt(new DateTimeOffset(2026, 3, 29, 18, 0, 0, TimeSpan.FromHours(2)), DayBeforeAtNine, Calendar);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), afterSwitch);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), beforeSwitch);
        Assert.All([afterSwitch, beforeSwitch], t => Assert.Equal(new TimeSpan(9, 0, 0), Calendar.ToLocal(t).TimeOfDay));
    }

    [Fact]
    public void The_day_before_at_nine_is_nine_in_the_town_on_both_sides_of_the_autumn_switch()
    {
        // Event on Monday 26 October 2026 (winter time); the day before is Sunday 25, the switch day (+01:00 by 09:00).
        var onSwitchDay = ReminderTimes.FireAt(new DateTimeOffset(2026, 10, 26, 9, 30, 0, TimeSpan.FromHours(1)), DayBeforeAtNine, Calendar);
        // Event on Sunday 25 October 18:00 (+01:00); the day before is still summer time (+02:00).
        var beforeSwitch = ReminderTimes.FireAt(new DateTimeOffset(2026, 10, 25, 18, 0, 0, TimeSpan.FromHours(1)), DayBeforeAtNine, Calendar);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 8, 0, 0, TimeSpan.Zero), onSwitchDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 7, 0, 0, TimeSpan.Zero), beforeSwitch);
    }

    [Fact]
    public void Two_hours_before_is_two_real_hours_even_across_the_switch()
    {
        // 03:30 summer time on 29 March 2026 is 01:30 UTC; two hours earlier the clocks showed 00:30 winter time.
        var spring = ReminderTimes.FireAt(new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)), TwoHoursBefore, Calendar);
        // 03:00 winter time on 25 October 2026 is 02:00 UTC; two hours earlier the clocks showed 02:00 summer time.
        var autumn = ReminderTimes.FireAt(new DateTimeOffset(2026, 10, 25, 3, 0, 0, TimeSpan.FromHours(1)), TwoHoursBefore, Calendar);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero), spring);
        Assert.Equal(new TimeSpan(0, 30, 0), Calendar.ToLocal(spring).TimeOfDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), autumn);
        Assert.Equal(TimeSpan.FromHours(2), Calendar.ToLocal(autumn).Offset);
    }

    [Fact]
    public void A_local_time_the_spring_switch_skips_goes_at_the_first_minute_after_the_gap()
    {
        var fireAt = ReminderTimes.FireAt(new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.FromHours(2)), ReminderOffset.DayBeforeAt(1, new TimeOnly(2, 30)), Calendar);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), fireAt);
    }
}
