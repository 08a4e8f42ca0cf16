namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>The names Umbraco 17's backoffice client expects: endpoints, client id, redirect paths, cookies.</summary>
public static class BackOfficeAuthPaths
{
    public const string ClientId = "umbraco-back-office";

    public const string EndpointRoot = "umbraco/management/api/v1/security/back-office";
    public const string Authorize = EndpointRoot + "/authorize";
    public const string Token = EndpointRoot + "/token";
    public const string SignOut = EndpointRoot + "/signout";
    public const string Revoke = EndpointRoot + "/revoke";

    /// <summary>Where the client receives the code; logging out returns to <see cref="LogoutComplete"/>.</summary>
    public const string OAuthComplete = "/umbraco/oauth_complete";
    public const string LogoutComplete = "/umbraco/oauth_complete/logout";

    /// <summary>The Site's Czech operator login, shown by the authorize step.</summary>
    public const string LoginPage = "/umbraco/login";

    /// <summary>The login of the authorize step (Umbraco's backoffice cookie); the API never reads it.</summary>
    public const string LoginScheme = "Studenka.Site.BackOfficeLogin";
    public const string LoginCookie = "__Host-studenkaBackOfficeLogin";

    /// <summary>The redacted values the client sees, and the HttpOnly cookies that hold the real ones.</summary>
    public const string Redacted = "[redacted]";
    public const string PkceCodeCookie = "__Host-umbPkceCode";
    public const string AccessTokenCookie = "__Host-umbAccessToken";
    public const string RefreshTokenCookie = "__Host-umbRefreshToken";
}
