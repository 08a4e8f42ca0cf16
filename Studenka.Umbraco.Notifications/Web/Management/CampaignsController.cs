using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <param name="SendAt">ISO 8601 with an offset, or the town's local time without one; null or blank = now.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScheduleRequest(string? SendAt);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CancelRequest(string? Reason);

/// <summary>
/// Compose, count, schedule, send, cancel and resend campaigns as the signed-in operator; the rules
/// (and who may send which package) live in <see cref="CampaignService"/> and <see cref="OperatorPermissions"/>.
/// </summary>
[Route(RoutePrefix + "/campaigns")]
public sealed class CampaignsController(CampaignService campaigns, CampaignResend resend, IOperatorContext operators) : ManagementApiControllerBase
{
    internal const string Unknown = "Kampaň s tímto číslem neexistuje.";

    [HttpPost("preview")]
    public async Task<IActionResult> Preview([FromBody] CampaignDraft request, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var (preview, errors, forbidden) = await campaigns.PreviewAsync(request, actor, cancellationToken);
        return forbidden is not null ? ForbiddenProblem(forbidden)
            : preview is null ? Invalid(errors, "Kampaň obsahuje chyby.")
            : Ok(preview);
    }

    [HttpPost]
    public Task<IActionResult> Create([FromBody] CampaignDraft request, CancellationToken cancellationToken) =>
        Act(actor => campaigns.CreateAsync(request, actor, cancellationToken), c => CreatedAtAction(nameof(Get), new { id = c.Id }, c));

    [HttpGet]
    public async Task<IActionResult> List([FromQuery] string? state, [FromQuery] int skip = 0, [FromQuery] int take = 20, CancellationToken cancellationToken = default)
    {
        var (page, errors) = await campaigns.ListAsync(state, skip, take, cancellationToken);
        return page is null ? Invalid(errors) : Ok(page);
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Get(long id, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(id, cancellationToken) is { } details ? Ok(details) : NotFoundProblem(Unknown);

    [HttpPost("{id:long}/schedule")]
    public Task<IActionResult> Schedule(long id, [FromBody] ScheduleRequest request, CancellationToken cancellationToken) =>
        Act(actor => campaigns.ScheduleAsync(id, request.SendAt, actor, cancellationToken), Ok);

    [HttpPost("{id:long}/send")]
    public Task<IActionResult> Send(long id, CancellationToken cancellationToken) =>
        Act(actor => campaigns.SendNowAsync(id, actor, cancellationToken), Ok);

    [HttpPost("{id:long}/cancel")]
    public Task<IActionResult> Cancel(long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CancelRequest? request, CancellationToken cancellationToken) =>
        Act(actor => campaigns.CancelAsync(id, request?.Reason, actor, cancellationToken), Ok);

    /// <summary>201 with the new campaign whose recipients are this one's failed ones; 409 when none failed.</summary>
    [HttpPost("{id:long}/resend-failed")]
    public Task<IActionResult> ResendFailed(long id, CancellationToken cancellationToken) =>
        Act(actor => resend.ResendFailedAsync(id, actor, cancellationToken), c => CreatedAtAction(nameof(Get), new { id = c.Id }, c));

    private async Task<IActionResult> Act(Func<OperatorIdentity, Task<CampaignResult>> command, Func<Campaign, IActionResult> done)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await command(actor);
        return result.Outcome switch
        {
            CampaignOutcome.Done => done(result.Campaign!),
            CampaignOutcome.Invalid => Invalid(result.Errors!, "Kampaň obsahuje chyby."),
            CampaignOutcome.Refused => ConflictProblem(result.Reason!),
            CampaignOutcome.Forbidden => ForbiddenProblem(result.Reason!),
            _ => NotFoundProblem(Unknown),
        };
    }
}
