using System.Globalization;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Scheduling;

/// <summary>
/// When a message of a package may reach phones: a campaign due inside its package's quiet hours
/// (the town's local time) waits for the window's end; a package without a window (crisis) goes at once.
/// </summary>
public sealed class QuietHours(IOptions<CampaignOptions> options, TownCalendar calendar)
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
        if (!options.Value.QuietHours.TryGetValue(packageId.ToString(CultureInfo.InvariantCulture), out var window))
        {
            return null;
        }

        var start = TimeOnly.ParseExact(window.Start, "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(window.End, "HH:mm", CultureInfo.InvariantCulture);
        return start == end ? null : (start, end);
    }
}
