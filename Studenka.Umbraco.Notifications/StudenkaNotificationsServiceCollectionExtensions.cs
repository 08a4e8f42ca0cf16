using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Email;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Statistics;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications;

public static class StudenkaNotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole package. Both the Umbraco composer and the standalone Site call this;
    /// calling it twice is harmless (the second call returns at once).
    /// </summary>
    public static IServiceCollection AddStudenkaNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(StudenkaNotificationsMarker)))
        {
            return services;
        }

        services.AddSingleton<StudenkaNotificationsMarker>();
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddPersistence(configuration)
            .AddAreas()
            .AddSmsGateway(configuration)
            .AddSubscriptions(configuration)
            .AddOperators(configuration)
            .AddCampaigns(configuration)
            .AddEmail(configuration)
            .AddDelivery(configuration)
            .AddReminders(configuration)
            .AddStatistics()
            .AddEditors(configuration)
            .AddNotificationsWeb(configuration);
    }

    /// <summary>Tells a second <see cref="AddStudenkaNotifications"/> call that the work is done.</summary>
    private sealed class StudenkaNotificationsMarker;
}
