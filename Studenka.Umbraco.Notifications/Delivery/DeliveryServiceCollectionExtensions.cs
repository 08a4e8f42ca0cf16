using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Delivery;

internal static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<RecipientTargeting>();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<DeliveryNode>();
        services.AddSingleton<DeliveryStatus>();
        services.AddSingleton<DeliveryProgressQuery>();
        services.AddSingleton<DeliveryStatistics>();
        services.AddSingleton<OutboxClaims>();
        services.AddSingleton<OutboxOperations>();
        services.AddSingleton<IMessageSender, SmsMessageSender>();
        services.AddSingleton<DeliveryHeartbeat>();
        services.AddSingleton<CampaignSnapshotter>();
        services.AddSingleton<LeaseRecovery>();
        services.AddSingleton<CampaignCompletion>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<DeliveryRunner>();
        services.AddSingleton<DeliveryAdministration>();
        // Registered always, idle when switched off: the switch is read from options at start,
        // and configuration is not final while services are being added.
        services.AddHostedService<DeliveryWorker>();
        services.AddHostedService<EmailDeliveryWorker>();
        // Every node beats, also one whose worker is off: the status shows what each node is.
        services.AddHostedService<DeliveryHeartbeatService>();
        return services;
    }
}
