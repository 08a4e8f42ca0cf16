using Quartz;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>A recurring announcement's trigger fired: a thin adapter to <see cref="RecurringFiring"/>.</summary>
public sealed class RecurringAnnouncementJob(RecurringFiring firing, TimeProvider time) : IJob
{
    public const string AnnouncementIdKey = "announcementId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await firing.FireAsync(context.MergedJobDataMap.GetLong(AnnouncementIdKey), context.ScheduledFireTimeUtc ?? time.GetUtcNow(), cancellationToken);
    }
}
