using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>
/// The few Management API endpoints the backoffice client calls while it starts, with the smallest
/// answers it accepts (Umbraco's own shapes, <c>@umbraco-cms/backoffice</c> <c>types.gen.d.ts</c>).
/// The Site has no content, media or languages: those lists are empty.
/// </summary>
[ApiController]
[Route(BackOfficePaths.ManagementApiV1)]
[Produces("application/json")]
public sealed class ManagementStartController(BackOfficeClient client, TimeProvider time, IWebHostEnvironment environment) : ControllerBase
{
    /// <summary>The Umbraco version the client believes it talks to (the app parses it).</summary>
    public const string ServerVersion = "17.1.0";

    [HttpGet("server/status")]
    [AllowAnonymous]
    public IActionResult Status() => Ok(new { serverStatus = "Run" });

    [HttpGet("server/configuration")]
    [AllowAnonymous]
    public IActionResult Configuration() =>
        // Operators are created with the Site's command; there is no reset by e-mail.
        Ok(new { allowPasswordReset = false, versionCheckPeriod = 0, allowLocalLogin = true, umbracoCssPath = "/css" });

    [HttpGet("server/information")]
    [Authorize(Policy = SiteBackOfficePolicies.User)]
    public IActionResult Information() => Ok(new
    {
        version = ServerVersion,
        assemblyVersion = ServerVersion,
        baseUtcOffset = time.LocalTimeZone.GetUtcOffset(time.GetUtcNow()).ToString(@"hh\:mm\:ss"),
        runtimeMode = environment.IsDevelopment() ? "Development" : "Production",
    });

    /// <summary>Packages that run before sign-in (<c>allowPublicAccess</c>), as Umbraco filters them.</summary>
    [HttpGet("manifest/manifest/public")]
    [AllowAnonymous]
    public IActionResult PublicManifests() =>
        Ok(client.PackageManifests().Where(m => m["allowPublicAccess"] is JsonValue v && v.TryGetValue(out bool open) && open).ToList());

    /// <summary>Every package's <c>umbraco-package.json</c> as the Site serves it: how the Studénka extension gets into the backoffice.</summary>
    [HttpGet("manifest/manifest/private")]
    [HttpGet("manifest/manifest")]
    [Authorize(Policy = SiteBackOfficePolicies.User)]
    public IActionResult PrivateManifests() => Ok(client.PackageManifests());

    [HttpGet("language")]
    [Authorize(Policy = SiteBackOfficePolicies.User)]
    public IActionResult Languages() => Ok(new { total = 0, items = Array.Empty<object>() });

    /// <summary>Asked at start only when the Content section is shown; the Site has no documents.</summary>
    [HttpGet("tree/document/root")]
    [Authorize(Policy = SiteBackOfficePolicies.User)]
    public IActionResult DocumentRoot() => Ok(new { total = 0, items = Array.Empty<object>() });

    [HttpGet("user/current/configuration")]
    [Authorize(Policy = SiteBackOfficePolicies.User)]
    public IActionResult CurrentUserConfiguration() => Ok(new
    {
        keepUserLoggedIn = false,
        // Passwords are set with the create-operator command; the backoffice cannot change them.
        passwordConfiguration = new { minimumPasswordLength = 12, requireNonLetterOrDigit = false, requireDigit = false, requireLowercase = false, requireUppercase = false },
        allowChangePassword = false,
        allowTwoFactor = false,
    });

    /// <summary>The header logo (and the login page's alternative); the town's mark.</summary>
    [HttpGet("security/back-office/graphics/logo")]
    [HttpGet("security/back-office/graphics/login-logo")]
    [HttpGet("security/back-office/graphics/login-logo-alternative")]
    [AllowAnonymous]
    [Produces("image/svg+xml")]
    public IActionResult Logo()
    {
        var file = environment.WebRootFileProvider.GetFileInfo("favicon.svg");
        Response.Headers.CacheControl = "public, max-age=86400";
        return File(file.CreateReadStream(), "image/svg+xml");
    }
}
