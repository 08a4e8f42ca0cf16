using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Host filtering refuses a request for a host not in <c>AllowedHosts</c> with an English HTML
/// body, before routing, so neither MVC nor the status-code pages ever see it. Its own body is
/// switched off (<see cref="HostFilteringOptions.IncludeFailureMessage"/>); this writes a Czech
/// page instead, or Czech problem JSON under the management API.
/// </summary>
internal sealed class HostRefusalMiddleware(RequestDelegate next, IOptions<HostFilteringOptions> hostFiltering, IOptions<WebOptions> web)
{
    internal const string Detail = "Adresa serveru v požadavku (Host) neodpovídá tomuto webu.";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status400BadRequest || response.HasStarted || !string.IsNullOrEmpty(response.ContentType) || !Refused(context.Request))
        {
            return;
        }

        // The package writes this page, wherever the path: its strict headers, not the host's (which never ran).
        context.Items[SecurityHeadersMiddleware.PackageResponseKey] = true;
        if (ApiProblems.IsApiPath(context.Request.Path))
        {
            var problem = ApiProblems.For(StatusCodes.Status400BadRequest);
            problem.Title = "Neplatná adresa serveru";
            problem.Detail = Detail + " Volejte API na adrese webu města.";
            await response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, ApiProblems.ContentType, context.RequestAborted);
            return;
        }

        var wayBack = web.Value.PublicBaseUrl is { } root
            ? $"<p><a href=\"{WebUtility.HtmlEncode(root.OriginalString)}\">Přejít na web města</a></p>"
            : "<p>Otevřete web města na jeho správné adrese.</p>";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            "<!DOCTYPE html>\n<html lang=\"cs\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Neplatná adresa serveru</title></head>\n<body>\n<h1>Neplatná adresa serveru</h1>\n<p>" + Detail + "</p>\n" + wayBack + "\n</body>\n</html>\n",
            context.RequestAborted);
    }

    /// <summary>The test host filtering made: a Host header that matches none of the allowed hosts (those in punycode, as it compares them).</summary>
    private bool Refused(HttpRequest request)
    {
        var allowed = (hostFiltering.Value.AllowedHosts ?? []).Select(h => new HostString(h).ToUriComponent()).ToList();
        if (allowed.Count == 0 || allowed.Any(h => h is "*" or "[::]" or "0.0.0.0"))
        {
            return false;
        }

        var host = request.Headers.Host.ToString();
        return host.Length == 0 ? !hostFiltering.Value.AllowEmptyHosts : !HostString.MatchesAny(host, allowed.Select(h => new Microsoft.Extensions.Primitives.StringSegment(h)).ToList());
    }
}
