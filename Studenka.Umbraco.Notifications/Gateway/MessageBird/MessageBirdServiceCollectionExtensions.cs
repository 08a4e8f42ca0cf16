using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

internal static class MessageBirdServiceCollectionExtensions
{
    public const string PipelineName = "messagebird";

    /// <summary>
    /// Longest wait between attempts, also for a server's Retry-After (which Polly's MaxDelay does
    /// not cap): a batch that must wait longer ends as a transient failure and the dispatcher
    /// reschedules it, instead of one send holding its lease for minutes.
    /// </summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The typed client with its resilience pipeline: retry (exponential, jittered) outside a
    /// per-attempt timeout. POST /messages has no idempotency key, so only answers that prove
    /// MessageBird did not take the batch are retried; a timeout or a connection lost after
    /// sending ends the send as "outcome unknown" instead of risking a second SMS.
    /// </summary>
    public static IServiceCollection AddMessageBirdClient(this IServiceCollection services)
    {
        services.AddHttpClient<MessageBirdSmsGateway>((sp, client) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<SmsOptions>>().Value.MessageBirdBaseUrl.AbsoluteUri;
                // Without the trailing slash "messages" would replace the last path segment.
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                // The pipeline owns the deadlines (per attempt); HttpClient's own 100 s would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The gateway is held by a singleton, so connections are recycled here (DNS changes)
            // instead of by the factory's handler rotation.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["Authorization"])
            .AddResilienceHandler(PipelineName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<SmsOptions>>().Value;
                var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                if (options.MessageBirdMaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MessageBirdMaxRetries,
                        Delay = TimeSpan.FromMilliseconds(options.MessageBirdRetryBaseDelayMilliseconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        MaxDelay = MaxRetryDelay,
                        ShouldHandle = args => ValueTask.FromResult(ProvesNotTaken(args.Outcome, time)),
                    });
                }

                pipeline.AddTimeout(TimeSpan.FromSeconds(options.MessageBirdTimeoutSeconds));
                pipeline.ConfigureTelemetry(MessageBirdSmsGateway.Telemetry(context.ServiceProvider));
            });
        return services;
    }

    /// <summary>5xx, 429 or a refused connection: MessageBird demonstrably did not take the batch.</summary>
    internal static bool ProvesNotTaken(Outcome<HttpResponseMessage> outcome, TimeProvider time) => outcome switch
    {
        { Result: { } response } => (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            && RetryAfter(response, time) <= MaxRetryDelay,
        { Exception: HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } } => true,
        _ => false,
    };

    private static TimeSpan RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => TimeSpan.Zero,
    };
}
