using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
