using Microsoft.Extensions.Logging;
using Quartz;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// <see cref="IReminderScheduler"/> over Quartz: one <c>reminders</c> row and one Quartz trigger per
/// offset. Replacing a page's reminders deletes its unfired rows and their triggers, then adds the
/// new ones, so the same request twice leaves one set and a moved event start moves them.
/// </summary>
public sealed class QuartzReminderScheduler(
    QuartzScheduler quartz,
    ReminderRepository reminders,
    TownCalendar calendar,
    TimeProvider time,
    ILogger<QuartzReminderScheduler> logger) : IReminderScheduler
{
    public const string TriggerGroup = "studenka-reminders";

    public static readonly JobKey Job = new("reminder", "studenka");

    public async Task ScheduleAsync(ReminderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheduler = await quartz.GetAsync(cancellationToken);
        await UnscheduleAsync(scheduler, await reminders.DeleteScheduledAsync(request.ContentKey, cancellationToken), cancellationToken);

        var now = time.GetUtcNow();
        foreach (var offset in request.Offsets.Distinct())
        {
            var fireAt = ReminderTimes.FireAt(request.EventStart, offset, calendar);
            if (fireAt <= now)
            {
                logger.LogInformation("Reminder {Offset} of {ContentKey} falls in the past ({FireAt:O}); not scheduled", ReminderTimes.Describe(offset), request.ContentKey, fireAt);
                continue;
            }

            var id = await reminders.InsertAsync(request, offset, fireAt, now.ToUnixTimeMilliseconds(), cancellationToken);
            await scheduler.ScheduleTrigger(Trigger(id, fireAt, $"{request.ContentKey:D} {ReminderTimes.Describe(offset)}"), TriggerConflict.Replace, cancellationToken);
        }
    }

    public async Task CancelAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetAsync(cancellationToken);
        await UnscheduleAsync(scheduler, await reminders.CancelScheduledAsync(contentKey, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledReminder>> ListAsync(Guid contentKey, CancellationToken cancellationToken) =>
        [.. (await reminders.ForContentAsync(contentKey, cancellationToken)).Select(r => new ScheduledReminder(
            r.Offset,
            DateTimeOffset.FromUnixTimeMilliseconds(r.FireAtMs),
            r.State == ReminderStates.Firing ? ReminderStates.Scheduled : r.State,
            r.CampaignId))];

    /// <summary>The job every reminder trigger fires; durable, so it outlives its triggers, and kept once per database.</summary>
    public static IJobDetail JobDetail() =>
        JobBuilder.Create<ReminderJob>().WithIdentity(Job).StoreDurably().RequestRecovery().Build();

    public static TriggerKey TriggerKeyOf(long reminderId) => new(FormattableString.Invariant($"reminder-{reminderId}"), TriggerGroup);

    /// <summary>
    /// Fires once at <paramref name="fireAt"/>; missed (site down), it fires as soon as a scheduler runs
    /// again and <see cref="ReminderFiring"/> decides by the grace whether it still goes.
    /// </summary>
    private ITrigger Trigger(long id, DateTimeOffset fireAt, string description) =>
        TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyOf(id))
            .WithDescription(description)
            .ForJob(Job)
            .UsingJobData(ReminderJob.ReminderIdKey, id)
            .StartAt(fireAt)
            .WithSchedule(SimpleScheduleBuilder.Create().WithRepeatCount(0).WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    private static async Task UnscheduleAsync(IScheduler scheduler, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await scheduler.UnscheduleJobs([.. ids.Select(TriggerKeyOf)], cancellationToken);
        }
    }
}
