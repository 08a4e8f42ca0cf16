using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// Keeps the back-office client's code and tokens out of reach of scripts, as Umbraco 17 does:
/// responses carry <c>[redacted]</c>, the real values live in HttpOnly Secure SameSite=Strict
/// <c>__Host-</c> cookies protected with Data Protection, and requests that say <c>[redacted]</c>
/// get the cookie's value. Only the <c>umbraco-back-office</c> client is touched; API clients of
/// scripts get their tokens in the body as usual.
/// </summary>
public sealed class BackOfficeTokenCookies(IHttpContextAccessor accessor, IDataProtectionProvider dataProtection)
    : IOpenIddictServerHandler<OpenIddictServerEvents.ApplyAuthorizationResponseContext>,
        IOpenIddictServerHandler<OpenIddictServerEvents.ExtractTokenRequestContext>,
        IOpenIddictServerHandler<OpenIddictServerEvents.ApplyTokenResponseContext>,
        IOpenIddictServerHandler<OpenIddictServerEvents.ExtractRevocationRequestContext>,
        IOpenIddictValidationHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Studenka.Site.BackOfficeTokenCookies");

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No HTTP request.");

    /// <summary>The code goes into a cookie; the redirect to the client says <c>code=[redacted]</c>.</summary>
    public ValueTask HandleAsync(OpenIddictServerEvents.ApplyAuthorizationResponseContext context)
    {
        if (context.Request?.ClientId == BackOfficeAuthPaths.ClientId && context.Response.Code is { } code)
        {
            Write(BackOfficeAuthPaths.PkceCodeCookie, code);
            context.Response.Code = BackOfficeAuthPaths.Redacted;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>[redacted]</c> becomes the cookie's code or refresh token; any other value is discarded,
    /// so a code or token that leaked some other way cannot be redeemed for this client.
    /// </summary>
    public ValueTask HandleAsync(OpenIddictServerEvents.ExtractTokenRequestContext context)
    {
        if (context.Request?.ClientId != BackOfficeAuthPaths.ClientId)
        {
            return ValueTask.CompletedTask;
        }

        if (context.Request.Code == BackOfficeAuthPaths.Redacted && TryRead(BackOfficeAuthPaths.PkceCodeCookie, out var code))
        {
            context.Request.Code = code;
            Delete(BackOfficeAuthPaths.PkceCodeCookie);
        }
        else
        {
            context.Request.Code = null;
        }

        context.Request.RefreshToken = context.Request.RefreshToken == BackOfficeAuthPaths.Redacted && TryRead(BackOfficeAuthPaths.RefreshTokenCookie, out var refresh)
            ? refresh
            : null;
        return ValueTask.CompletedTask;
    }

    /// <summary>Tokens into the cookies (both rewritten on every refresh: they rotate), <c>[redacted]</c> in the body.</summary>
    public ValueTask HandleAsync(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        if (context.Request?.ClientId != BackOfficeAuthPaths.ClientId)
        {
            return ValueTask.CompletedTask;
        }

        if (context.Response.AccessToken is { } access)
        {
            Write(BackOfficeAuthPaths.AccessTokenCookie, access);
            context.Response.AccessToken = BackOfficeAuthPaths.Redacted;
        }

        if (context.Response.RefreshToken is { } refresh)
        {
            Write(BackOfficeAuthPaths.RefreshTokenCookie, refresh);
            context.Response.RefreshToken = BackOfficeAuthPaths.Redacted;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The client's logout revokes "[redacted]": revoke the cookie's token instead.</summary>
    public ValueTask HandleAsync(OpenIddictServerEvents.ExtractRevocationRequestContext context)
    {
        if (context.Request?.ClientId == BackOfficeAuthPaths.ClientId && context.Request.Token == BackOfficeAuthPaths.Redacted)
        {
            var cookie = context.Request.TokenTypeHint == TokenTypeHints.RefreshToken ? BackOfficeAuthPaths.RefreshTokenCookie : BackOfficeAuthPaths.AccessTokenCookie;
            context.Request.Token = TryRead(cookie, out var token) ? token : null;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>API calls say <c>Authorization: Bearer [redacted]</c>; the access-token cookie holds the real one.</summary>
    public ValueTask HandleAsync(OpenIddictValidationEvents.ProcessAuthenticationContext context)
    {
        if (context.AccessToken == BackOfficeAuthPaths.Redacted)
        {
            context.AccessToken = TryRead(BackOfficeAuthPaths.AccessTokenCookie, out var token) ? token : null;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The real tokens of this browser (for sign-out), or null where there is no readable cookie.</summary>
    public string? Read(string cookie) => TryRead(cookie, out var value) ? value : null;

    public void DeleteAll()
    {
        Delete(BackOfficeAuthPaths.AccessTokenCookie);
        Delete(BackOfficeAuthPaths.RefreshTokenCookie);
        Delete(BackOfficeAuthPaths.PkceCodeCookie);
    }

    private void Write(string name, string value) =>
        Http.Response.Cookies.Append(name, _protector.Protect(value), Options());

    private void Delete(string name) => Http.Response.Cookies.Delete(name, Options());

    private bool TryRead(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (!Http.Request.Cookies.TryGetValue(name, out var protectedValue))
        {
            return false;
        }

        try
        {
            value = _protector.Unprotect(protectedValue);
            return true;
        }
        catch (CryptographicException)
        {
            // Forged, or protected with keys this site no longer has: as if there were no cookie.
            return false;
        }
    }

    private static CookieOptions Options() => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
