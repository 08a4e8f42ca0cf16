using System.Globalization;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Scheduling;

/// <summary>One package's quiet hours, local times "HH:mm" (the window may cross midnight).</summary>
public sealed record QuietWindow(int PackageId, string Start, string End)
{
    /// <summary>The configured windows (<see cref="CampaignOptions.QuietHours"/>), the default of the run-time setting.</summary>
    public static IReadOnlyList<QuietWindow> FromOptions(CampaignOptions options) =>
        [.. (options ?? throw new ArgumentNullException(nameof(options))).QuietHours
            .Select(w => new QuietWindow(int.Parse(w.Key, NumberStyles.None, CultureInfo.InvariantCulture), w.Value.Start, w.Value.End))
            .OrderBy(w => w.PackageId)];
}

/// <summary>
/// When a message of a package may reach phones: a campaign due inside its package's quiet hours
/// (the town's local time) waits for the window's end; a package without a window (crisis) goes at once.
/// The windows are the current settings' (<c>Settings.RuntimeSettings.QuietHoursAsync</c>), the configuration's by default.
/// </summary>
public sealed class QuietHours(IReadOnlyList<QuietWindow> windows, TownCalendar calendar)
{
    /// <summary>
    /// Within this of either end of the calendar a window's end (a day later, in a zone with an
    /// offset) may not exist as a <see cref="DateTimeOffset"/>. The validators refuse such times;
    /// here they must not throw.
    /// </summary>
    private static readonly TimeSpan Edge = TimeSpan.FromDays(3);

    /// <summary>
    /// The instant a message of <paramref name="packageId"/> asked for at <paramref name="requested"/> may go.
    /// At the calendar's last days the window's end cannot be written down: such a message never goes
    /// (<see cref="DateTimeOffset.MaxValue"/>); at its first days it is long past and goes as asked.
    /// </summary>
    public DateTimeOffset MayGoAt(int packageId, DateTimeOffset requested)
    {
        if (Window(packageId) is not { } window || requested.UtcDateTime < DateTime.MinValue + Edge)
        {
            return requested;
        }

        if (requested.UtcDateTime > DateTime.MaxValue - Edge)
        {
            return DateTimeOffset.MaxValue;
        }

        var (start, end) = window;
        var local = calendar.ToLocal(requested);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        DateOnly? endsOn = start < end
            ? (time >= start && time < end ? today : null)
            // A window crossing midnight: late evening waits for tomorrow's end, early morning for today's.
            : time >= start ? today.AddDays(1) : time < end ? today : null;
        if (endsOn is not { } day)
        {
            return requested;
        }

        var windowEnd = calendar.FromLocal(day.ToDateTime(end));
        // Clocks going back in autumn can show an early-morning time again after the window's end.
        return windowEnd > requested ? windowEnd : requested;
    }

    /// <summary>The package's window as local times, or null when it has none (or a zero-length one).</summary>
    public (TimeOnly Start, TimeOnly End)? Window(int packageId)
    {
        if (windows.FirstOrDefault(w => w.PackageId == packageId) is not { } window)
        {
            return null;
        }

        var start = TimeOnly.ParseExact(window.Start, "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(window.End, "HH:mm", CultureInfo.InvariantCulture);
        return start == end ? null : (start, end);
    }
}
