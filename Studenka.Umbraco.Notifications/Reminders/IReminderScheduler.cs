namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// The seam between the editors' pages (Editors: publish → campaign) and the reminders (Quartz): a page
/// says what it wants to be reminded of; the scheduler owns when and how. A fired reminder only creates a
/// due campaign; the outbox does the rest (one scheduler of sends).
/// </summary>
public interface IReminderScheduler
{
    /// <summary>
    /// Replaces the reminders of <see cref="ReminderRequest.ContentKey"/> with those of the request
    /// (idempotent: the same request twice schedules them once; a moved event start moves them).
    /// Offsets that fall in the past are skipped.
    /// </summary>
    Task ScheduleAsync(ReminderRequest request, CancellationToken cancellationToken);

    /// <summary>Removes every reminder of the page that has not fired yet (unpublished, trashed).</summary>
    Task CancelAsync(Guid contentKey, CancellationToken cancellationToken);

    /// <summary>The page's reminders, fired or not, for its "SMS" workspace view.</summary>
    Task<IReadOnlyList<ScheduledReminder>> ListAsync(Guid contentKey, CancellationToken cancellationToken);
}

/// <summary>What a published page asks to be reminded of.</summary>
/// <param name="Text">The reminder SMS as it will be sent (the page's reminder template already rendered).</param>
/// <param name="EditorName">Who published the page; recorded on the reminder's campaign beside the system actor.</param>
/// <param name="ContentUrl">The page's absolute URL, stored as the campaign's source.</param>
public sealed record ReminderRequest(
    Guid ContentKey,
    string DocumentType,
    DateTimeOffset EventStart,
    int PackageId,
    IReadOnlyList<long> CityPartIds,
    IReadOnlyList<long> StreetIds,
    string Text,
    IReadOnlyList<ReminderOffset> Offsets,
    string EditorName,
    string? ContentUrl);

/// <summary>
/// When before the event a reminder goes: either a fixed time of day some days before (in
/// Europe/Prague: "the day before at 09:00" is 09:00 local on both sides of a DST change), or a
/// duration before the start ("2 hours before").
/// </summary>
public sealed record ReminderOffset(int? DaysBefore, TimeOnly? AtLocalTime, TimeSpan? Before)
{
    public static ReminderOffset DayBeforeAt(int days, TimeOnly at) => new(days, at, null);

    public static ReminderOffset BeforeStart(TimeSpan before) => new(null, null, before);
}

/// <summary>A reminder as the page's workspace view shows it.</summary>
/// <param name="State">"scheduled", "fired" (its campaign exists: <paramref name="CampaignId"/>), "skipped" (missed beyond the grace) or "cancelled".</param>
public sealed record ScheduledReminder(ReminderOffset Offset, DateTimeOffset FireAt, string State, long? CampaignId);
