using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Delivery status and resume after a pause (bad key, empty account). Every role sees the status (Dispatch at
/// 3 a.m. learns why a crisis SMS waits and whom to call); only an Administrator resumes, because only an
/// Administrator can remove the cause (the key, the balance), and a resume before that only pauses again.
/// </summary>
[Route(RoutePrefix + "/delivery")]
public sealed class DeliveryController(DeliveryAdministration administration, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet("status")]
    [ProducesResponseType<DeliveryStatusView>(StatusCodes.Status200OK)]
    public Task<DeliveryStatusView> Status(CancellationToken cancellationToken) => administration.StatusAsync(cancellationToken);

    [HttpPost("resume")]
    [Authorize(Policy = NotificationsPolicies.Administration)]
    [ProducesResponseType<DeliveryStatusView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Resume(CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok(await administration.ResumeAsync(actor, cancellationToken));
    }

    [HttpPost("email/resume")]
    [Authorize(Policy = NotificationsPolicies.Administration)]
    [ProducesResponseType<DeliveryStatusView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> ResumeEmail(CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok(await administration.ResumeEmailAsync(actor, cancellationToken));
    }
}
