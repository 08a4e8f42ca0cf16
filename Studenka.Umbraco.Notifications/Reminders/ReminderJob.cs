using Quartz;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>A reminder's trigger fired: a thin adapter to <see cref="ReminderFiring"/>.</summary>
public sealed class ReminderJob(ReminderFiring firing) : IJob
{
    public const string ReminderIdKey = "reminderId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await firing.FireAsync(context.MergedJobDataMap.GetLong(ReminderIdKey), context.Recovering, cancellationToken);
    }
}
