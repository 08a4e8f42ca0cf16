using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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
        services.TryAddSingleton(sp => new SchedulerStarter(
            sp.GetRequiredService<QuartzScheduler>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SchedulerStarter>>(),
            Optional<IServerRoleAccessor>(sp), Optional<IRuntimeState>(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerStarter>());
        return services;
    }

    /// <summary>
    /// Umbraco's own service, or null where the host cannot build it. Core registers the server role and
    /// the runtime state as factories over Infrastructure's services; a host with Core alone (the
    /// standalone Site, a test host) would otherwise fail to start because of the reminders. Without
    /// them this node schedules, as the standalone Site does.
    /// </summary>
    private static T? Optional<T>(IServiceProvider services)
        where T : class
    {
        try
        {
            return services.GetService<T>();
        }
        catch (InvalidOperationException e)
        {
            services.GetRequiredService<ILogger<SchedulerStarter>>().LogWarning(e,
                "Reminders: {Service} cannot be built in this host (Umbraco's Infrastructure is missing); this node schedules reminders", typeof(T).Name);
            return null;
        }
    }
}
