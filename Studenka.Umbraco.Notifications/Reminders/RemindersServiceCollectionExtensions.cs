using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Umbraco;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Reminders;

internal static class RemindersServiceCollectionExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<QuartzScheduler>();
        services.TryAddSingleton<ReminderRepository>();
        services.TryAddSingleton<ReminderFiring>();
        services.TryAddSingleton<IReminderScheduler, QuartzReminderScheduler>();
        services.TryAddTransient<ReminderJob>();
        services.TryAddSingleton<RecurringAnnouncementRepository>();
        services.TryAddSingleton<RecurringAnnouncements>();
        services.TryAddSingleton<RecurringFiring>();
        services.TryAddTransient<RecurringAnnouncementJob>();
        // Without Umbraco's server role and runtime state (a host with Core alone) this node schedules, as the standalone Site does.
        services.TryAddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<SchedulerStarter>>();
            const string withoutIt = "this node schedules reminders";
            return new SchedulerStarter(sp.GetRequiredService<QuartzScheduler>(), sp.GetRequiredService<TimeProvider>(), logger,
                sp.Optional<IServerRoleAccessor>(logger, withoutIt), sp.Optional<IRuntimeState>(logger, withoutIt));
        });
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerStarter>());
        return services;
    }
}
