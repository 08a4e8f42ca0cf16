using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddSmsGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.SectionName)).ValidateDataAnnotations()
            // The MessageBird client arrives with the delivery work. Until then a configured key must
            // stop the start: silently keeping real residents' SMS in the sandbox would be worse.
            .Validate(o => string.IsNullOrWhiteSpace(o.MessageBirdAccessKey),
                "Studenka:Sms:MessageBirdAccessKey is set, but this version sends only through the sandbox gateway. Remove the key until the MessageBird gateway is released.")
            .ValidateOnStart();
        services.AddSingleton<SandboxSmsGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<SandboxSmsGateway>());
        services.AddSingleton<MessageBird.MessageBirdSignatureVerifier>();
        return services;
    }
}
