using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Base of the management API (<c>/umbraco/sms/api/v1/...</c>, the path the backoffice client calls
/// in both hosts): JSON in and out, nobody without the SMS section gets in, and no write comes
/// from another site. Errors are problem details with Czech text: 400 per field, 404 unknown,
/// 409 refused by the state of things.
/// </summary>
[ApiController]
[Authorize(Policy = NotificationsPolicies.SectionAccess)]
[ProducesJson]
[SameSiteWritesOnly(JsonBodiesOnly = true)]
[CzechInvalidModelState]
[CzechApiErrors]
public abstract class ManagementApiControllerBase : ControllerBase
{
    public const string RoutePrefix = "umbraco/sms/api/v1";

    /// <summary>Every version of the API lives under this path.</summary>
    public const string ApiRoot = "/umbraco/sms/api";

    protected ObjectResult Invalid(IReadOnlyDictionary<string, string> errors, string title = "Požadavek obsahuje chyby.") =>
        Problem(StatusCodes.Status400BadRequest, new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
        {
            Title = title,
        });

    protected ObjectResult NotFoundProblem(string detail) =>
        Problem(StatusCodes.Status404NotFound, new ProblemDetails { Title = "Nenalezeno", Detail = detail });

    protected ObjectResult ConflictProblem(string detail) =>
        Problem(StatusCodes.Status409Conflict, new ProblemDetails { Title = "Akci nelze provést", Detail = detail });

    /// <summary>The operator's role does not allow it (<see cref="OperatorPermissions"/>).</summary>
    protected ObjectResult ForbiddenProblem(string detail) =>
        Problem(StatusCodes.Status403Forbidden, new ProblemDetails { Title = "Nedostatečné oprávnění", Detail = detail });

    /// <summary>The policy already demands a signed-in operator with a role; without one there is nobody to act or audit.</summary>
    protected ObjectResult NobodySignedIn() =>
        Problem(StatusCodes.Status401Unauthorized, new ProblemDetails { Title = "Přihlaste se prosím jako operátor." });

    private static ObjectResult Problem(int status, ProblemDetails details)
    {
        details.Status = status;
        return new ObjectResult(details) { StatusCode = status };
    }
}
