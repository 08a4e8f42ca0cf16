using System.Globalization;
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
internal sealed class OperatorAuthApiController(OperatorSignIn signIn, TimeProvider time) : ManagementApiControllerBase
{
    [HttpPost("login")]
    [AllowAnonymous]
    [LoginAttemptLimit]
    public async Task<IActionResult> Login(OperatorLoginRequest request, CancellationToken cancellationToken)
    {
        var result = await signIn.SignInAsync(request.UserName, request.Password, cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                var account = result.Operator!;
                await HttpContext.SignInAsync(OperatorCookie.Scheme, OperatorCookie.CreatePrincipal(account));
                return Ok(new OperatorMe(account.UserName, account.DisplayName, account.Role.ToString()));
            case SignInOutcome.LockedOut:
                var seconds = Math.Max(1, (int)Math.Ceiling((result.LockedUntil!.Value - time.GetUtcNow()).TotalSeconds));
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Účet je dočasně zamčený",
                    detail: $"Po opakovaných chybných heslech je účet zamčený ještě {seconds} s ({result.LockedUntil:O}).");
            default:
                return Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Přihlášení se nezdařilo", detail: OperatorLoginTexts.InvalidCredentials);
        }
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
    /// <summary>One message for an unknown name and a wrong password, so the login does not reveal who has an account.</summary>
    public const string InvalidCredentials = "Nesprávné jméno nebo heslo.";
}
