using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

public sealed record OperatorLoginRequest(string? UserName, string? Password);

public sealed record OperatorMe(string UserName, string DisplayName, string Role);

/// <summary>Login for scripts and the admin shell: JSON in, the operator cookie out.</summary>
[Route(RoutePrefix + "/auth")]
internal sealed class OperatorAuthApiController(OperatorSignIn signIn) : ManagementApiControllerBase
{
    [HttpPost("login")]
    [AllowAnonymous]
    [LoginAttemptLimit]
    public async Task<IActionResult> Login(OperatorLoginRequest request, CancellationToken cancellationToken)
    {
        var result = await signIn.SignInAsync(request.UserName, request.Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Přihlášení se nezdařilo", detail: OperatorLoginTexts.Refused);
        }

        await HttpContext.SignInAsync(OperatorCookie.Scheme, OperatorCookie.CreatePrincipal(result.Operator));
        return Ok(new OperatorMe(result.Operator.UserName, result.Operator.DisplayName, result.Operator.Role.ToString()));
    }

    [HttpPost("logout")]
    [AllowAnonymous]
    public async Task<IActionResult> Logout()
    {
        await HttpContext.SignOutAsync(OperatorCookie.Scheme);
        return NoContent();
    }

    [HttpGet("me")]
    public IActionResult Me() => Ok(new OperatorMe(
        User.Identity!.Name!,
        User.FindFirst(OperatorCookie.DisplayNameClaim)?.Value ?? User.Identity.Name!,
        StandaloneOperatorContext.RoleOf(User)?.ToString() ?? string.Empty));
}

internal static class OperatorLoginTexts
{
    /// <summary>
    /// The one answer to an unknown name, a wrong password and a try that must wait, so the login
    /// tells nobody which names exist or whom it is slowing down.
    /// </summary>
    public const string Refused = "Nesprávné jméno nebo heslo. Po několika chybných pokusech je nutné chvíli počkat, než to zkusíte znovu.";
}
