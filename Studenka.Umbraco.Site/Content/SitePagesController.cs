using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Site.Content;

/// <summary>
/// The Site's event and news pages for its "Obsah webu" section: list, create and save a draft, publish,
/// unpublish, trash (<see cref="SitePages"/>). Administrators and Editors (the content section), not
/// Dispatch; a package the role may not send is refused (403). Only the standalone Site has this API;
/// under Umbraco the pages are Umbraco's content. The page's SMS view is the package's <c>content/{key}</c>.
/// </summary>
[Route(RoutePrefix + "/pages")]
[Authorize(Policy = NotificationsPolicies.SectionAccess)]
[Authorize(Policy = SiteContentPolicies.Pages)]
public sealed class SitePagesController(SitePages pages, PageViews views, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<PageSummary>> List(CancellationToken cancellationToken) =>
        [.. (await pages.ListAsync(cancellationToken)).Select(views.Summary)];

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Get(Guid key, CancellationToken cancellationToken) =>
        await pages.GetAsync(key, cancellationToken) is { } page ? Ok(views.Detail(page)) : NotFoundProblem(SitePages.NotFoundMessage);

    [HttpPost]
    public Task<IActionResult> Create(PageRequest request, CancellationToken cancellationToken) =>
        ActAsync(actor => pages.CreateAsync(request, actor, cancellationToken),
            page => Created($"/{RoutePrefix}/pages/{page.Key}", views.Detail(page)));

    [HttpPut("{key:guid}")]
    public Task<IActionResult> Save(Guid key, PageRequest request, CancellationToken cancellationToken) =>
        ActAsync(actor => pages.SaveAsync(key, request, actor, cancellationToken), page => Ok(views.Detail(page)));

    [HttpPost("{key:guid}/publish")]
    public Task<IActionResult> Publish(Guid key, CancellationToken cancellationToken) =>
        ActAsync(actor => pages.PublishAsync(key, actor, cancellationToken), page => Ok(views.Detail(page)));

    [HttpPost("{key:guid}/unpublish")]
    public Task<IActionResult> Unpublish(Guid key, CancellationToken cancellationToken) =>
        ActAsync(actor => pages.UnpublishAsync(key, actor, cancellationToken), page => Ok(views.Detail(page)));

    [HttpDelete("{key:guid}")]
    public Task<IActionResult> Trash(Guid key, CancellationToken cancellationToken) =>
        ActAsync(actor => pages.TrashAsync(key, actor, cancellationToken), _ => NoContent());

    private async Task<IActionResult> ActAsync(Func<OperatorIdentity, Task<PageResult>> act, Func<SitePage, IActionResult> done)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await act(actor);
        return result.Outcome switch
        {
            PageOutcome.Done => done(result.Page!),
            PageOutcome.Invalid => Invalid(result.Errors!),
            PageOutcome.Forbidden => ForbiddenProblem(result.Reason!),
            PageOutcome.Refused => ConflictProblem(result.Reason!),
            _ => NotFoundProblem(result.Reason ?? SitePages.NotFoundMessage),
        };
    }
}
