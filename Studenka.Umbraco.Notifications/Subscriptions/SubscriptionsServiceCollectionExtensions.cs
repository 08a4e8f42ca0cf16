using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Subscriptions;

internal static class SubscriptionsServiceCollectionExtensions
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SubscriptionOptions.SectionName);
        services.AddOptions<SubscriptionOptions>().Bind(section)
            // The binder appends configured array items to the default ["CZ"]; configured regions must replace it.
            .Configure(o => o.AllowedRegions = section.GetSection(nameof(SubscriptionOptions.AllowedRegions)).Get<string[]>() is { Length: > 0 } regions ? regions : o.AllowedRegions)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TownCalendar>();
        services.AddSingleton<PhoneNumberNormalizer>();
        services.AddSingleton<PackageSeeder>();
        services.AddSingleton<AreaSubscriberCounts>();
        services.AddSingleton<SubscriberRepository>();
        services.AddSingleton<SubscriberHistory>();
        services.AddSingleton<VerificationCodes>();
        services.AddSingleton<VerificationSmsThrottle>();
        services.AddSingleton<VerificationCap>();
        services.AddSingleton<SmsTexts>();
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<EmailBounces>();
        services.AddSingleton<EmailVerifications>();
        services.AddSingleton<EmailUnsubscribes>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton<SubscriberAdministration>();
        services.AddSingleton<InboundReplyGuard>();
        services.AddSingleton<InboundSmsService>();
        return services;
    }
}
