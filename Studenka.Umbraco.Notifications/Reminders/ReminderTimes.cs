using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// When a reminder goes, from the event's start and its offset, in the town's zone: "the day before
/// at 09:00" is a wall time (09:00 on both sides of a daylight-saving switch, so not a fixed number of
/// hours), "2 hours before" is a duration (real elapsed time, whatever the clocks do in between).
/// </summary>
public static class ReminderTimes
{
    public static DateTimeOffset FireAt(DateTimeOffset eventStart, ReminderOffset offset, TownCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(offset);
        ArgumentNullException.ThrowIfNull(calendar);
        if (offset.Before is { } before)
        {
            return eventStart - before;
        }

        if (offset.DaysBefore is not { } days || offset.AtLocalTime is not { } at)
        {
            throw new ArgumentException("A reminder offset is either a duration before the start or days before at a local time.", nameof(offset));
        }

        var eventDay = DateOnly.FromDateTime(calendar.ToLocal(eventStart).DateTime);
        return calendar.FromLocal(eventDay.AddDays(-days).ToDateTime(at));
    }

    /// <summary>A stable short name of the offset ("d1@09:00", "b7200s"), for logs and trigger descriptions.</summary>
    public static string Describe(ReminderOffset offset) =>
        offset.Before is { } before
            ? FormattableString.Invariant($"b{(long)before.TotalSeconds}s")
            : FormattableString.Invariant($"d{offset.DaysBefore}@{offset.AtLocalTime:HH\\:mm}");
}
