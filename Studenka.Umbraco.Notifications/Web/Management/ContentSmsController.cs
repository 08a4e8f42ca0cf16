using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// A document's "SMS" workspace view: what publishing the page recorded, its campaigns with delivery and
/// its reminders; "send now" for its waiting announcement (Administrator, Editor; not Dispatch, see
/// <see cref="PageSmsView"/>). Every operator with the SMS section may look.
/// </summary>
[Route(RoutePrefix + "/content/{key:guid}")]
[Authorize(Policy = NotificationsPolicies.SectionAccess)]
public sealed class ContentSmsController(PageSmsView pages, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet("campaigns")]
    public async Task<IActionResult> Campaigns(Guid key, CancellationToken cancellationToken) =>
        Ok(await pages.GetAsync(key, cancellationToken));

    [HttpPost("send-now")]
    public async Task<IActionResult> SendNow(Guid key, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await pages.SendNowAsync(key, actor, cancellationToken);
        return result.Outcome switch
        {
            CampaignOutcome.Done => Ok(result.Campaign),
            CampaignOutcome.Refused => ConflictProblem(result.Reason!),
            CampaignOutcome.Forbidden => ForbiddenProblem(result.Reason!),
            CampaignOutcome.Invalid => Invalid(result.Errors!),
            _ => NotFoundProblem(PageSmsView.NoSms),
        };
    }
}
