using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>The audit log for administrators: newest first.</summary>
[Route(RoutePrefix + "/audit")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class AuditController(AuditLog audit) : ManagementApiControllerBase
{
    public const int MaxTake = 1000;

    [HttpGet("")]
    public async Task<IActionResult> List([FromQuery] int take = 100, CancellationToken cancellationToken = default)
    {
        if (take is < 1 or > MaxTake)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Neplatný počet záznamů", detail: $"Parametr take musí být 1 až {MaxTake}.");
        }

        return Ok(await audit.ReadAsync(take, cancellationToken));
    }
}
