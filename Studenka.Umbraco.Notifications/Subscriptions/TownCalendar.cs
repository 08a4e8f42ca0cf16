using System.Globalization;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// The town's calendar (Europe/Prague by default): daily caps, statistics days and displayed
/// times all follow it, including the daylight-saving switches. One place, so they cannot disagree.
/// </summary>
public sealed class TownCalendar(IOptions<SubscriptionOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>Today's date in the town, e.g. "2026-11-27", as statistics are keyed.</summary>
    public string Today() => ToLocal(time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant the town's current day began (local midnight, whatever its UTC offset).</summary>
    public DateTimeOffset StartOfToday()
    {
        var midnight = ToLocal(time.GetUtcNow()).Date;
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }
}
