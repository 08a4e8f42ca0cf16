using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Webhooks;

/// <summary>
/// Calls from MessageBird: delivery reports and residents' SMS. Anonymous at the HTTP level and
/// without antiforgery (MessageBird has no cookie or form token); the signature filter is the
/// authentication. MessageBird does not read the answer, so it is plain text for our logs.
/// </summary>
[Route("sms/webhooks/messagebird")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[TypeFilter(typeof(MessageBirdSignatureFilter))]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MessageBirdWebhooksController(
    DeliveryReports reports,
    InboundSmsService inbound,
    TimeProvider time,
    ILogger<MessageBirdWebhooksController> logger) : ControllerBase
{
    [HttpGet("dlr")]
    public async Task<IActionResult> DeliveryReport(CancellationToken cancellationToken)
    {
        var parsed = DeliveryReportParser.Parse(name => Request.Query.TryGetValue(name, out var v) ? v.ToString() : null, time.GetUtcNow());
        if (parsed.Report is null)
        {
            logger.LogWarning("Malformed MessageBird delivery report refused: {Error}", parsed.Error);
            return Text(StatusCodes.Status400BadRequest, "Bad delivery report: " + parsed.Error);
        }

        var outcome = await reports.ApplyAsync(parsed.Report, cancellationToken);
        return Text(StatusCodes.Status200OK, outcome.ToString());
    }

    [HttpPost("inbound")]
    [HttpGet("inbound")]
    public async Task<IActionResult> Inbound(CancellationToken cancellationToken)
    {
        var body = HttpContext.Items[MessageBirdSignatureFilter.BodyItem] as byte[] ?? [];
        var parsed = await InboundSmsRequest.ReadAsync(Request, body, cancellationToken);
        if (parsed.Message is null)
        {
            logger.LogWarning("Malformed MessageBird inbound SMS refused: {Error}", parsed.Error);
            return Text(StatusCodes.Status400BadRequest, "Bad inbound SMS: " + parsed.Error);
        }

        var outcome = await inbound.HandleAsync(parsed.Message.Originator, parsed.Message.Text, SignUpUrl(), cancellationToken);
        return Text(StatusCodes.Status200OK, outcome.ToString());
    }

    /// <summary>The signed request's own host; configuration wins in <see cref="PublicUrls.SignUpUrl"/>.</summary>
    private string SignUpUrl() => $"{Request.Scheme}://{Request.Host.ToUriComponent()}{Request.PathBase.ToUriComponent()}/sms";

    private ContentResult Text(int status, string text) =>
        new() { StatusCode = status, Content = text, ContentType = "text/plain; charset=utf-8" };
}
