using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>
/// Headers of everything under <c>/umbraco</c> except the package's API (which keeps the package's
/// strict ones): the backoffice's CSP, no framing, caching (bundle immutable, boot page never stored),
/// and Czech problem JSON for bodyless errors of the Management API instead of the HTML error page.
/// </summary>
internal sealed class BackOfficeSecurityHeaders(RequestDelegate next, BackOfficeClient client)
{
    /// <summary>
    /// The package's strict policy plus what the real client needs (checked in Chromium): the boot
    /// page's inline import map by its hash, <c>base-uri 'self'</c> for its <c>&lt;base href&gt;</c>, and
    /// style attributes, which backoffice and UUI templates carry (<c>style="display: none"</c>; Chromium
    /// reports each as a violation otherwise). No inline script, no <c>&lt;style&gt;</c> element (Lit
    /// uses constructed stylesheets), no blob: or data: workers (the session worker is a file).
    /// </summary>
    public static string Policy(string? inlineScriptHash = null) =>
        "default-src 'self'; "
        + $"script-src 'self'{(inlineScriptHash is null ? string.Empty : $" '{inlineScriptHash}'")}; "
        + "style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!BackOfficePaths.IsBackOffice(path) || ApiProblems.IsApiPath(path))
        {
            await next(context);
            return;
        }

        var immutable = client.Built is { } built && path.StartsWithSegments(built.Assets, StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // The boot page sets its own policy, with the hash of its import map.
            headers.TryAdd("Content-Security-Policy", Policy());
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (immutable && context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
            {
                // The folder name changes with every input of the bundle (build.mjs), so a year is safe.
                headers.CacheControl = "public, max-age=31536000, immutable";
            }

            return Task.CompletedTask;
        });

        if (!path.StartsWithSegments(BackOfficePaths.ManagementApi, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        // A challenge (401), a refusal (403) or an unknown method gets JSON, not the Site's HTML error page.
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        await next(context);
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await response.WriteAsJsonAsync(ApiProblems.For(response.StatusCode, context.Request.Method), (System.Text.Json.JsonSerializerOptions?)null, ApiProblems.ContentType, context.RequestAborted);
        }
    }
}
