using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;

namespace Studenka.Umbraco.Notifications.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddSmsGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SandboxSmsGateway>();
        services.AddMessageBirdClient();
        // A configured key means real SMS; without one nothing leaves the building.
        services.AddSingleton<ISmsGateway>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<SmsOptions>>().Value.MessageBirdAccessKey)
            ? sp.GetRequiredService<SandboxSmsGateway>()
            : sp.GetRequiredService<MessageBirdSmsGateway>());
        services.AddMessageBirdWebhookVerification();
        return services;
    }
}
