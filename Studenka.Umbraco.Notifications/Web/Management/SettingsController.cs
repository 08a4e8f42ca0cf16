using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Management;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerificationCapRequest(int? DailyCap);

/// <summary>
/// Settings administrators change at run time. The daily cap on verification SMS: when a flood of
/// sign-ups used it up, honest residents wait until midnight unless an administrator raises it.
/// </summary>
[Route(RoutePrefix + "/settings")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class SettingsController(VerificationCap cap, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet("verification-cap")]
    [ProducesResponseType<VerificationCapView>(StatusCodes.Status200OK)]
    public Task<VerificationCapView> VerificationCap(CancellationToken cancellationToken) => cap.ViewAsync(cancellationToken);

    /// <summary>Sets the cap at once for every node (stored, audited); the configured value stays the default.</summary>
    [HttpPut("verification-cap")]
    [ProducesResponseType<VerificationCapView>(StatusCodes.Status200OK)]
    public async Task<IActionResult> SetVerificationCap(VerificationCapRequest request, CancellationToken cancellationToken)
    {
        if (request.DailyCap is not (>= 1 and <= Subscriptions.VerificationCap.Max) || request.DailyCap is not { } dailyCap)
        {
            return Invalid(new Dictionary<string, string> { ["dailyCap"] = $"Denní limit ověřovacích SMS musí být celé číslo 1 až {Subscriptions.VerificationCap.Max}." });
        }

        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok(await cap.SetAsync(dailyCap, actor, cancellationToken));
    }
}
