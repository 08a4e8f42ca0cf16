using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;

namespace Studenka.Umbraco.Notifications.Web.Webhooks;

/// <summary>
/// Lets only calls signed by MessageBird reach a webhook action. A resource filter, so it runs
/// before model binding: the body is buffered and hashed exactly as it arrived, then rewound
/// for the action. Refusals are 401 with nothing changed; the reason goes to the log only.
/// </summary>
internal sealed class MessageBirdSignatureFilter(MessageBirdSignatureVerifier verifier, IOptions<SmsOptions> options, ILogger<MessageBirdSignatureFilter> logger) : IAsyncResourceFilter
{
    /// <summary>Where the verified raw body waits for the action.</summary>
    public const string BodyItem = "Studenka.MessageBird.Body";

    /// <summary>Far above any SMS webhook (an SMS body is at most a few kB); bigger is not MessageBird.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!verifier.IsConfigured)
        {
            logger.LogWarning("MessageBird webhook {Path} refused: Studenka:Sms:WebhookSigningKey is not configured", request.Path);
            context.Result = Refuse(StatusCodes.Status401Unauthorized, "Webhook signing key is not configured.");
            return;
        }

        var body = await ReadBodyAsync(request, context.HttpContext.RequestAborted);
        if (body is null)
        {
            context.Result = Refuse(StatusCodes.Status413PayloadTooLarge, "Request body too large.");
            return;
        }

        var url = WebhookRequestUrl.Reconstruct(request, options.Value.WebhookPublicBaseUrl);
        var check = await verifier.VerifyAsync(request.Headers[MessageBirdSignatureVerifier.HeaderName].ToString(), url, body, context.HttpContext.RequestAborted);
        if (!check.IsValid)
        {
            // The reason names the check that failed; the token itself stays out of the log.
            logger.LogWarning("MessageBird webhook {Method} {Path} refused: {Reason}", request.Method, request.Path, check.Reason);
            context.Result = Refuse(StatusCodes.Status401Unauthorized, "Invalid signature.");
            return;
        }

        context.HttpContext.Items[BodyItem] = body;
        var executed = await next();
        if ((executed.Exception is not null && !executed.ExceptionHandled) || context.HttpContext.Response.StatusCode >= 500)
        {
            // MessageBird may retry a failed call with this same token; the handlers are idempotent,
            // so the retry must not be refused as a replay.
            await verifier.ReleaseAsync(check, CancellationToken.None);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        request.EnableBuffering(MaxBodyBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        return buffer.ToArray();
    }

    private static ContentResult Refuse(int status, string text) =>
        new() { StatusCode = status, Content = text, ContentType = "text/plain; charset=utf-8" };
}
