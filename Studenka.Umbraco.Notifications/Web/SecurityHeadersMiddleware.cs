using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Security headers on every response, whoever writes it (MVC, static files, the exception and
/// status-code pages, redirects, host filtering): they are set when the response starts, which a
/// cleared error response cannot undo. Also keeps the client's Host header out of redirects.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<WebOptions> options)
{
    /// <summary>The package's own URL space: resident pages, operator pages, API, static files, backoffice manifest.</summary>
    private static readonly PathString[] PackagePaths =
        ["/sms", "/sprava", ManagementApiControllerBase.ApiRoot, "/studenka-sms", "/App_Plugins/Studenka.Notifications"];

    /// <summary>
    /// Set by the package when it writes a response itself on a host path (the host-refusal page):
    /// the host's own headers never run for it, so the package's strict ones apply.
    /// </summary>
    internal const string PackageResponseKey = "Studenka.Notifications.PackageResponse";

    public Task InvokeAsync(HttpContext context)
    {
        // Decided on the path the client asked for: a re-executed error page keeps its headers.
        var web = options.Value;
        var path = context.Request.Path;
        var strict = IsPackagePath(path)
            || (web.SecurityHeadersScope == SecurityHeadersScope.AllResponses && !web.HostSecurityHeadersPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)));
        context.Response.OnStarting(() =>
        {
            Apply(context, web, strict || context.Items.ContainsKey(PackageResponseKey));
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsPackagePath(PathString path) => PackagePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static void Apply(HttpContext context, WebOptions web, bool strict)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (strict)
        {
            headers.ContentSecurityPolicy = web.ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            // The verification pages carry a token in their query; it never leaves the site.
            headers["Referrer-Policy"] = "same-origin";
        }
        else
        {
            // Outside the package the host decides; these are only the safe defaults when it did not.
            headers.TryAdd("X-Frame-Options", "SAMEORIGIN");
            headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
        }

        if (context.Request.IsHttps)
        {
            headers.TryAdd("Strict-Transport-Security", "max-age=31536000");
        }

        if (headers.Location.ToString() is { Length: > 0 } location)
        {
            headers.Location = PublicUrls.RewriteLocation(location, context.Request, context.Response.StatusCode, web.PublicBaseUrl);
        }
    }
}
