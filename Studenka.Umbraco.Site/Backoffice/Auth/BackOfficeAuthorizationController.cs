using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Studenka.Umbraco.Notifications.Operators;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// The passthrough endpoints of the OpenIddict server (as Umbraco's BackOfficeController): the
/// authorize step signs the operator of the login cookie in, the token step re-reads the operator
/// (a disabled one gets no new token), sign-out revokes this browser's tokens and ends the login.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class BackOfficeAuthorizationController(
    OperatorRepository operators,
    BackOfficeApplications applications,
    BackOfficeTokenCookies cookies,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations) : Controller
{
    [HttpGet("/" + BackOfficeAuthPaths.Authorize)]
    [HttpPost("/" + BackOfficeAuthPaths.Authorize)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Authorize(CancellationToken cancellationToken)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        var login = await HttpContext.AuthenticateAsync(BackOfficeAuthPaths.LoginScheme);
        var account = login.Succeeded ? await FindActiveAsync(login.Principal, cancellationToken) : null;
        if (account is null)
        {
            // The login page comes back to exactly this request (path and query of the authorize endpoint).
            var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
            return Redirect(BackOfficeAuthPaths.LoginPage + QueryString.Create("returnUrl", returnUrl));
        }

        var principal = Principal(account, request.HasScope(Scopes.OfflineAccess) ? [Scopes.OfflineAccess] : []);
        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    [HttpPost("/" + BackOfficeAuthPaths.Token)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Token(CancellationToken cancellationToken)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        Operator? account;
        IEnumerable<string> scopes;
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            account = result.Succeeded ? await FindActiveAsync(result.Principal, cancellationToken) : null;
            scopes = result.Principal?.GetScopes() ?? [];
        }
        else if (request.IsClientCredentialsGrantType())
        {
            account = await applications.OperatorOfApiClientAsync(request.ClientId, cancellationToken) is { } id
                ? await operators.FindByIdAsync(id, cancellationToken) : null;
            scopes = [];
        }
        else
        {
            return Refuse(Errors.UnsupportedGrantType, "Tento způsob získání tokenu není podporován.");
        }

        return account is null or { Disabled: true }
            ? Refuse(Errors.InvalidGrant, "Účet operátora neexistuje nebo je zablokován.")
            : SignIn(Principal(account, scopes), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    [HttpGet("/" + BackOfficeAuthPaths.SignOut)]
    [HttpPost("/" + BackOfficeAuthPaths.SignOut)]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        // The client revokes "[redacted]" first; this also covers a client that did not, or could not.
        foreach (var cookie in new[] { BackOfficeAuthPaths.RefreshTokenCookie, BackOfficeAuthPaths.AccessTokenCookie })
        {
            if (cookies.Read(cookie) is { } value && await tokens.FindByReferenceIdAsync(value, cancellationToken) is { } token)
            {
                if (await tokens.GetAuthorizationIdAsync(token, cancellationToken) is { } authorizationId
                    && await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
                {
                    await authorizations.TryRevokeAsync(authorization, cancellationToken);
                    await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
                }

                await tokens.TryRevokeAsync(token, cancellationToken);
            }
        }

        cookies.DeleteAll();
        await HttpContext.SignOutAsync(BackOfficeAuthPaths.LoginScheme);
        return SignOut(new AuthenticationProperties { RedirectUri = BackOfficeAuthPaths.LoginPage }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<Operator?> FindActiveAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken) =>
        long.TryParse(principal?.FindFirst(Claims.Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && await operators.FindByIdAsync(id, cancellationToken) is { Disabled: false } account
            ? account
            : null;

    /// <summary>What the tokens say: only who (the operator's id and name); the role is read per request.</summary>
    private static ClaimsPrincipal Principal(Operator account, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, BackOfficeApplications.Subject(account.Id));
        identity.SetClaim(Claims.Name, account.UserName);
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private ForbidResult Refuse(string error, string description) => Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
