using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Notifications.Tests.Editors;

/// <summary>
/// The reminders helper's component as a recording double (it is another feature's, behind the
/// seam): what the publish handlers ask of it, in order.
/// </summary>
internal sealed class RecordingReminderScheduler : IReminderScheduler
{
    public List<ReminderRequest> Scheduled { get; } = [];

    public List<Guid> Cancelled { get; } = [];

    /// <summary>Set: the scheduler is broken (its database is down, say) and every call throws.</summary>
    public bool Fails { get; set; }

    public Task ScheduleAsync(ReminderRequest request, CancellationToken cancellationToken)
    {
        if (Fails)
        {
            throw new InvalidOperationException("The reminder store is unavailable.");
        }

        Scheduled.Add(request);
        return Task.CompletedTask;
    }

    public Task CancelAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        Cancelled.Add(contentKey);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduledReminder>> ListAsync(Guid contentKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScheduledReminder>>(Scheduled.LastOrDefault(r => r.ContentKey == contentKey) is { } last
            ? last.Offsets.Select(o => new ScheduledReminder(o, last.EventStart - (o.Before ?? TimeSpan.FromDays(o.DaysBefore ?? 0)), "scheduled", null)).ToList()
            : []);
}
