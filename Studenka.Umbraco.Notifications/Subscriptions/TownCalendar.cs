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

    /// <summary>
    /// The instant the town's clocks show <paramref name="localTime"/>. A wall time skipped by the
    /// spring switch maps to the first instant after the gap (the clocks then already show a later
    /// time); a wall time shown twice in autumn maps to its first occurrence.
    /// </summary>
    public DateTimeOffset FromLocal(DateTime localTime)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local))
        {
            // Gaps are whole minutes in every real zone; a minute step lands on the gap's end.
            local = local.AddMinutes(1);
            local = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        }

        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Today's date in the town, e.g. "2026-11-27", as statistics are keyed.</summary>
    public string Today() => ToLocal(time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant the town's current day began (local midnight, whatever its UTC offset).</summary>
    public DateTimeOffset StartOfToday()
    {
        var midnight = ToLocal(time.GetUtcNow()).Date;
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }
}
