using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

internal static class MessageBirdWebhookServiceCollectionExtensions
{
    public static IServiceCollection AddMessageBirdWebhookVerification(this IServiceCollection services)
    {
        services.AddSingleton<WebhookReplayCache>();
        services.AddSingleton<MessageBirdSignatureVerifier>();
        services.AddHostedService<WebhookSigningKeyWarning>();
        return services;
    }
}

/// <summary>
/// Says at start that the webhooks are off, instead of leaving it to be found out from 401s in
/// the log when residents' STOP replies and delivery reports have long been refused.
/// </summary>
internal sealed class WebhookSigningKeyWarning(IOptions<SmsOptions> options, ILogger<WebhookSigningKeyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.WebhookSigningKey))
        {
            logger.LogWarning(
                "MessageBird webhooks are off: Studenka:Sms:WebhookSigningKey is not set, so every delivery report and every resident's SMS (STOP) is refused with 401. Set it to the signing key from MessageBird's dashboard (Developers → Settings).");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
