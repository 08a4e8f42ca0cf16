using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Web;
using Studenka.Umbraco.Notifications.Web.Management;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

public sealed record BackOfficeLoginPageModel(string? UserName, string ReturnUrl, string? Error);

/// <summary>
/// The Czech operator login the authorize step shows (Umbraco's <c>/umbraco/login</c>): per-IP
/// attempt limit, the per-(name, address) delay of <see cref="OperatorSignIn"/>, antiforgery, and
/// no open redirect: it only ever returns to the authorize endpoint of this site.
/// </summary>
[Route(BackOfficeAuthPaths.LoginPage)]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class BackOfficeLoginController(OperatorSignIn signIn, LoginAttemptLimiter limiter, IAntiforgery antiforgery) : Controller
{
    public const string Refused = "Nesprávné jméno nebo heslo. Po několika chybných pokusech je nutné chvíli počkat, než to zkusíte znovu.";
    public const string TooMany = "Z vašeho připojení přišlo příliš mnoho pokusů o přihlášení. Zkuste to prosím za několik minut.";
    public const string Expired = "Formulář vypršel. Načtěte prosím přihlašovací stránku znovu a přihlaste se.";

    private const string View_ = "~/Views/BackOfficeLogin/Login.cshtml";

    [HttpGet("")]
    [HttpHead("")]
    public IActionResult Login(string? returnUrl) => Page(new(null, AuthorizeOrDefault(returnUrl), null));

    [HttpPost("")]
    [SameSiteWritesOnly]
    public async Task<IActionResult> Login([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        var back = AuthorizeOrDefault(returnUrl);
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Page(new(userName, back, Expired), StatusCodes.Status400BadRequest);
        }

        if (!limiter.TryAcquire(HttpContext))
        {
            Response.Headers.RetryAfter = ((int)limiter.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Page(new(userName, back, TooMany), StatusCodes.Status429TooManyRequests);
        }

        var result = await signIn.SignInAsync(userName, password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (!result.Succeeded)
        {
            return Page(new(userName, back, Refused), StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(BackOfficeAuthPaths.LoginScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, BackOfficeApplications.Subject(result.Operator.Id)));
        identity.AddClaim(new Claim(Claims.Name, result.Operator.UserName));
        await HttpContext.SignInAsync(BackOfficeAuthPaths.LoginScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(back);
    }

    /// <summary>
    /// Only the authorize request itself (a local path of the authorize endpoint); anything else,
    /// including other local pages, goes to the backoffice, which starts a fresh authorize request.
    /// </summary>
    private string AuthorizeOrDefault(string? returnUrl) =>
        returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl)
        && (returnUrl.StartsWith("/" + BackOfficeAuthPaths.Authorize + "?", StringComparison.Ordinal) || returnUrl == "/" + BackOfficeAuthPaths.Authorize)
            ? returnUrl
            : "/umbraco";

    private ViewResult Page(BackOfficeLoginPageModel model, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        return View(View_, model);
    }
}

/// <summary>Per-IP limit on login attempts, whatever the names tried (<c>Studenka:Operators:LoginAttemptsPerIp</c>).</summary>
public sealed class LoginAttemptLimiter(IOptions<OperatorOptions> options) : IDisposable
{
    private readonly PerIpRateLimiter _limiter = new(options.Value.LoginAttemptsPerIp, TimeSpan.FromMinutes(options.Value.LoginWindowMinutes));

    public TimeSpan Window => _limiter.Window;

    public bool TryAcquire(HttpContext context) => _limiter.TryAcquire(context);

    public void Dispose() => _limiter.Dispose();
}
