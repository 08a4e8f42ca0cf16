using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

public sealed record OperatorLoginPageModel(string? UserName, string? ReturnUrl, string? Error);

/// <summary>What the home page shows; <paramref name="RoleName"/> is the role's Czech name.</summary>
public sealed record OperatorHomePageModel(string DisplayName, string UserName, string RoleName);

/// <summary>The operators' login page for people: Czech, antiforgery-protected, no open redirect.</summary>
[Route("sprava")]
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
internal sealed class OperatorLoginController(OperatorSignIn signIn) : Controller
{
    private const string Views = "~/Views/StudenkaOperators/";

    [HttpGet("")]
    [Authorize(Policy = NotificationsPolicies.SectionAccess)]
    public IActionResult Home() => View(Views + "Home.cshtml", new OperatorHomePageModel(
        User.FindFirst(OperatorCookie.DisplayNameClaim)?.Value ?? User.Identity!.Name!, User.Identity!.Name!, StandaloneOperatorContext.RoleOf(User)?.CzechName() ?? ""));

    [HttpGet("prihlaseni")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => LoginPage(new(null, LocalOrNull(returnUrl), null));

    [HttpPost("prihlaseni")]
    [AllowAnonymous]
    [SameSiteWritesOnly]
    [LoginAttemptLimit]
    public async Task<IActionResult> Login([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await signIn.SignInAsync(userName, password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (result.Succeeded)
        {
            await HttpContext.SignInAsync(OperatorCookie.Scheme, OperatorCookie.CreatePrincipal(result.Operator));
            return LocalRedirect(LocalOrNull(returnUrl) ?? OperatorCookie.HomePath);
        }

        return LoginPage(new(userName, LocalOrNull(returnUrl), OperatorLoginTexts.Refused), StatusCodes.Status401Unauthorized);
    }

    [HttpPost("odhlaseni")]
    [AllowAnonymous]
    [SameSiteWritesOnly]
    public async Task<IActionResult> Logout()
    {
        await HttpContext.SignOutAsync(OperatorCookie.Scheme);
        return LocalRedirect(OperatorCookie.LoginPath);
    }

    internal ViewResult TooManyAttempts() =>
        LoginPage(new(Request.Form["userName"], LocalOrNull(Request.Form["returnUrl"]), LoginAttemptLimitAttribute.Message), StatusCodes.Status429TooManyRequests);

    private ViewResult LoginPage(OperatorLoginPageModel model, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        return View(Views + "Login.cshtml", model);
    }

    /// <summary>Only paths of this site ("/sprava/..."), never "//evil.example" or "https://...": no open redirect.</summary>
    private string? LocalOrNull(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
}
