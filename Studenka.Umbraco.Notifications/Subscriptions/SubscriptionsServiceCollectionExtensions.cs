using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Subscriptions;

internal static class SubscriptionsServiceCollectionExtensions
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PhoneNumberNormalizer>();
        services.AddSingleton<PackageSeeder>();
        services.AddSingleton<SubscriberRepository>();
        services.AddSingleton<VerificationCodes>();
        services.AddSingleton<VerificationSmsThrottle>();
        services.AddSingleton<SmsTexts>();
        services.AddSingleton<SubscriptionService>();
        return services;
    }
}
