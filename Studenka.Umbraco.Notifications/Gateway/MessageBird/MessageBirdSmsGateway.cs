using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Telemetry;
using Polly.Timeout;
using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

/// <summary>
/// Sends through MessageBird's <c>POST /messages</c> (docs/messagebird-sms-api.md section 2). Retries
/// and the per-attempt timeout live in the HttpClient's resilience pipeline
/// (<see cref="MessageBirdServiceCollectionExtensions"/>); this class turns what finally happened
/// into an <see cref="SmsSendResult"/>.
/// </summary>
public sealed class MessageBirdSmsGateway(HttpClient http, IOptions<SmsOptions> options, ILogger<MessageBirdSmsGateway> logger) : ISmsGateway
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public bool IsSandbox => false;

    /// <remarks>
    /// Cancelling <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>
    /// as usual; if the request was already on the wire, its outcome is as unknown as after a timeout.
    /// </remarks>
    public async Task<SmsSendResult> SendAsync(SmsBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var result = await SendOnceThroughPipelineAsync(batch, cancellationToken);
        if (!result.IsAccepted)
        {
            // Debug only: the dispatcher records the outcome and logs it once, with the campaign, as a warning.
            logger.LogDebug("MessageBird did not accept batch {Reference} ({Recipients} recipients): {Status} {Error}",
                batch.Reference, batch.Recipients.Count, result.Status, result.Error);
        }

        return result;
    }

    /// <summary>
    /// The pipeline's telemetry, with what this client already reports turned down to debug: a timeout
    /// is an expected outcome ("unknown", said once by the dispatcher), not an error with the
    /// stack trace of a <see cref="TimeoutRejectedException"/> and a failed "execution attempt".
    /// Retries stay warnings: they are Polly's alone to report.
    /// </summary>
    internal static TelemetryOptions Telemetry(IServiceProvider services)
    {
        var shared = services.GetService<IOptions<TelemetryOptions>>()?.Value;
        var telemetry = shared is null ? new TelemetryOptions() : new TelemetryOptions(shared);
        telemetry.LoggerFactory = services.GetRequiredService<ILoggerFactory>();
        var inner = telemetry.SeverityProvider;
        telemetry.SeverityProvider = args => args.Event.EventName switch
        {
            "OnTimeout" or "ExecutionAttempt" => ResilienceEventSeverity.Debug,
            _ => inner?.Invoke(args) ?? args.Event.Severity,
        };
        return telemetry;
    }

    private async Task<SmsSendResult> SendOnceThroughPipelineAsync(SmsBatch batch, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(batch);
        try
        {
            // Headers only: the body is read under our own deadline in MessageBirdResponse, so a
            // server that stalls mid-body cannot hang the sender.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await MessageBirdResponse.ReadAsync(response, ReadTimeout, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new SmsSendResult(SmsSendStatus.OutcomeUnknown,
                Error: $"MessageBird did not answer within {options.Value.MessageBirdTimeoutSeconds} s; the SMS may have been sent, so it is not resent.");
        }
        catch (HttpRequestException e) when (NeverReachedMessageBird(e))
        {
            return new SmsSendResult(SmsSendStatus.TransientFailure, Error: $"MessageBird could not be reached: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new SmsSendResult(SmsSendStatus.OutcomeUnknown,
                Error: $"The connection to MessageBird broke after the request was sent ({e.Message}); the SMS may have been sent, so it is not resent.");
        }
    }

    private TimeSpan ReadTimeout => TimeSpan.FromSeconds(options.Value.MessageBirdTimeoutSeconds);

    private HttpRequestMessage CreateRequest(SmsBatch batch)
    {
        var sms = options.Value;
        var body = new SendMessageRequest(
            batch.Originator ?? sms.Originator,
            batch.Body,
            [.. batch.Recipients.Select(r => r.TrimStart('+'))],
            (batch.Encoding ?? SmsSegments.Count(batch.Body).Encoding) == SmsEncoding.Ucs2 ? "unicode" : "plain",
            batch.Reference,
            sms.ReportUrl?.AbsoluteUri);
        var request = new HttpRequestMessage(HttpMethod.Post, "messages")
        {
            // Bytes, not a streamed JsonContent: a retry sends the very same body again.
            Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("AccessKey", sms.MessageBirdAccessKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>
    /// Failures before a single byte of the request could have reached MessageBird: DNS, TLS
    /// handshake, or a socket that never connected. Anything else may have been processed.
    /// </summary>
    private static bool NeverReachedMessageBird(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
        || (e.HttpRequestError == HttpRequestError.ConnectionError && e.InnerException is SocketException);

    private sealed record SendMessageRequest(
        string Originator, string Body, IReadOnlyList<string> Recipients, string Datacoding, string Reference, string? ReportUrl);
}
