using Quartz.Impl.Calendar;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// Czech public holidays (zákon č. 245/2000 Sb.: státní svátky and ostatní svátky), on which no
/// recurring announcement goes: the fixed dates plus Good Friday and Easter Monday, which follow Easter.
/// </summary>
public static class CzechHolidays
{
    /// <summary>The Quartz calendar the recurring announcements' triggers name.</summary>
    public const string CalendarName = "cz-public-holidays";

    /// <summary>How many years ahead the stored calendar reaches; it is rewritten at every start.</summary>
    public const int YearsAhead = 10;

    private static readonly (int Month, int Day)[] Fixed =
    [
        (1, 1),   // Den obnovy samostatného českého státu, Nový rok
        (5, 1),   // Svátek práce
        (5, 8),   // Den vítězství
        (7, 5),   // Den slovanských věrozvěstů Cyrila a Metoděje
        (7, 6),   // Den upálení mistra Jana Husa
        (9, 28),  // Den české státnosti
        (10, 28), // Den vzniku samostatného československého státu
        (11, 17), // Den boje za svobodu a demokracii
        (12, 24), // Štědrý den
        (12, 25), // 1. svátek vánoční
        (12, 26), // 2. svátek vánoční
    ];

    public static IReadOnlyList<DateOnly> For(int year)
    {
        var easter = EasterSunday(year);
        return [.. Fixed.Select(d => new DateOnly(year, d.Month, d.Day)).Append(easter.AddDays(-2)).Append(easter.AddDays(1)).Order()];
    }

    /// <summary>Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>A Quartz holiday calendar in the town's zone with the holidays of <paramref name="fromYear"/> and the <see cref="YearsAhead"/> years after.</summary>
    public static HolidayCalendar Calendar(int fromYear, TimeZoneInfo zone)
    {
        var calendar = new HolidayCalendar { TimeZone = zone, Description = "Státní a ostatní svátky ČR" };
        for (var year = fromYear; year <= fromYear + YearsAhead; year++)
        {
            foreach (var day in For(year))
            {
                calendar.AddExcludedDay(day);
            }
        }

        return calendar;
    }
}
