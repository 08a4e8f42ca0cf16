using System.Globalization;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>When a refused resident may try again, in Czech: "za 30 s", "v 10:15 (za 15 minut)", "zítra v 0:00".</summary>
public static class RetryTime
{
    /// <param name="retryAt">The true end of the block, in the town's time.</param>
    /// <param name="seconds">Seconds from now until then.</param>
    public static string Czech(DateTimeOffset retryAt, int seconds)
    {
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"za {seconds} s");
        }

        // Rounded up to the minute: the page must never name a time before the block ends.
        var shown = retryAt.AddTicks(-1).AddMinutes(1);
        shown = new DateTimeOffset(shown.Year, shown.Month, shown.Day, shown.Hour, shown.Minute, 0, shown.Offset);
        var today = retryAt.AddSeconds(-seconds).Date;
        var day = (shown.Date - today).Days switch
        {
            0 => string.Empty,
            1 => "zítra ",
            _ => shown.ToString("d. M. ", CultureInfo.InvariantCulture),
        };
        var at = day + "v " + shown.ToString("H:mm", CultureInfo.InvariantCulture);
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return minutes <= 90 ? $"{at} (za {minutes} {Minutes(minutes)})" : at;
    }

    private static string Minutes(int n) => n switch
    {
        1 => "minutu",
        >= 2 and <= 4 => "minuty",
        _ => "minut",
    };
}
