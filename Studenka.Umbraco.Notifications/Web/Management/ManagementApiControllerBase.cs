using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Base of the management API (<c>/umbraco/sms/api/v1/...</c>, the path the backoffice client calls
/// in both hosts): JSON in and out, nobody without the SMS section gets in, and no write comes
/// from another site.
/// </summary>
[ApiController]
[Authorize(Policy = NotificationsPolicies.SectionAccess)]
[Produces("application/json")]
[SameSiteWritesOnly(JsonBodiesOnly = true)]
public abstract class ManagementApiControllerBase : ControllerBase
{
    public const string RoutePrefix = "umbraco/sms/api/v1";

    /// <summary>Every version of the API lives under this path.</summary>
    public const string ApiRoot = "/umbraco/sms/api";
}
