using Quartz;
using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

public sealed class CzechHolidaysTests
{
    private static readonly TimeZoneInfo Prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

    [Fact]
    public void The_holidays_of_2026_include_Good_Friday_3_April_and_Easter_Monday_6_April()
    {
        Assert.Equal(
            ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-08", "2026-07-05", "2026-07-06", "2026-09-28", "2026-10-28", "2026-11-17", "2026-12-24", "2026-12-25", "2026-12-26"],
            CzechHolidays.For(2026).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_holidays_of_2027_follow_Easter_on_28_March()
    {
        var holidays = CzechHolidays.For(2027);

        Assert.Equal(new DateOnly(2027, 3, 28), CzechHolidays.EasterSunday(2027));
        Assert.Contains(new DateOnly(2027, 3, 26), holidays);
        Assert.Contains(new DateOnly(2027, 3, 29), holidays);
        Assert.Equal(13, holidays.Count);
    }

    [Fact]
    public void A_weekly_Tuesday_trigger_with_the_calendar_skips_the_Tuesday_that_is_a_holiday()
    {
        // 6 July 2027 (Den upálení mistra Jana Husa) is a Tuesday. (Quartz counts from the later of the
        // start and the real clock, so the dates lie ahead.)
        var calendar = CzechHolidays.Calendar(2027, Prague);

        Assert.Equal(new DateTimeOffset(2027, 7, 6, 7, 0, 0, TimeSpan.FromHours(2)), WeeklyOnTuesdayAtSeven().ComputeFirstFireTimeUtc(null));
        Assert.Equal(new DateTimeOffset(2027, 7, 13, 7, 0, 0, TimeSpan.FromHours(2)), WeeklyOnTuesdayAtSeven().ComputeFirstFireTimeUtc(calendar));
    }

    private static Quartz.Extensibility.IOperableTrigger WeeklyOnTuesdayAtSeven() =>
        (Quartz.Extensibility.IOperableTrigger)TriggerBuilder.Create()
            .WithIdentity("t")
            .ForJob("j")
            .StartAt(new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.FromHours(2)))
            .WithSchedule(CronScheduleBuilder.Create("0 0 7 ? * TUE").InTimeZone(Prague))
            .WithCalendarName(CzechHolidays.CalendarName)
            .Build();
}
