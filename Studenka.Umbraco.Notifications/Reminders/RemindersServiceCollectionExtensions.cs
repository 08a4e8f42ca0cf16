using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<SchedulerStarter>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerStarter>());
        return services;
    }
}
