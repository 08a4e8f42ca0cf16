using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <param name="SendAt">ISO 8601 with an offset, or the town's local time without one; null or blank = now.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScheduleRequest(string? SendAt);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CancelRequest(string? Reason);

/// <summary>Compose, count, schedule, send and cancel campaigns; the rules live in <see cref="CampaignService"/>.</summary>
[Route(RoutePrefix + "/campaigns")]
public sealed class CampaignsController(CampaignService campaigns, CampaignPreviewService previews) : ManagementApiControllerBase
{
    private const string Unknown = "Kampaň s tímto číslem neexistuje.";

    [HttpPost("preview")]
    public async Task<IActionResult> Preview([FromBody] CampaignDraft request, CancellationToken cancellationToken)
    {
        var (preview, errors) = await previews.PreviewAsync(request, cancellationToken);
        return preview is null ? Invalid(errors, "Kampaň obsahuje chyby.") : Ok(preview);
    }

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CampaignDraft request, CancellationToken cancellationToken) =>
        Answer(await campaigns.CreateAsync(request, cancellationToken), c => CreatedAtAction(nameof(Get), new { id = c.Id }, c));

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
    public async Task<IActionResult> Schedule(long id, [FromBody] ScheduleRequest request, CancellationToken cancellationToken) =>
        Answer(await campaigns.ScheduleAsync(id, request.SendAt, cancellationToken), Ok);

    [HttpPost("{id:long}/send")]
    public async Task<IActionResult> Send(long id, CancellationToken cancellationToken) =>
        Answer(await campaigns.SendNowAsync(id, cancellationToken), Ok);

    [HttpPost("{id:long}/cancel")]
    public async Task<IActionResult> Cancel(long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CancelRequest? request, CancellationToken cancellationToken) =>
        Answer(await campaigns.CancelAsync(id, request?.Reason, cancellationToken), Ok);

    private IActionResult Answer(CampaignResult result, Func<Campaign, IActionResult> done) => result.Outcome switch
    {
        CampaignOutcome.Done => done(result.Campaign!),
        CampaignOutcome.Invalid => Invalid(result.Errors!, "Kampaň obsahuje chyby."),
        CampaignOutcome.Refused => ConflictProblem(result.Reason!),
        _ => NotFoundProblem(Unknown),
    };
}
