using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddSmsGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // The MessageBird client arrives with the delivery work; until then every host runs the sandbox.
        services.AddSingleton<SandboxSmsGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<SandboxSmsGateway>());
        return services;
    }
}
