using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Email;

internal static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EmailBounces>();
        services.TryAddSingleton<EmailLinkBase>();
        services.TryAddSingleton<EmailMessageBuilder>();
        services.TryAddSingleton<EmailComposer>();
        services.TryAddSingleton<SandboxEmailSender>();
        services.TryAddSingleton<SmtpEmailSender>();
        // The provider is read when the dispatcher is built (configuration is final by then); sandbox unless Smtp is chosen.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, EmailMessageSender>(sp =>
            new EmailMessageSender(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Provider == EmailProvider.Smtp
                ? sp.GetRequiredService<SmtpEmailSender>()
                : sp.GetRequiredService<SandboxEmailSender>())));
        return services;
    }
}
