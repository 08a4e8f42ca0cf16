using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Refuses state-changing requests that come from another site (cross-site request forgery).
/// <para>
/// Why this is enough, layer by layer: the operator cookie is SameSite=Strict, so a browser does not
/// send it with a request started by another site; on top of that, a POST/PUT/PATCH/DELETE whose
/// <c>Origin</c> is present and is not this site, or whose <c>Sec-Fetch-Site</c> is
/// <c>cross-site</c>, is refused with 403 before anything runs (older browsers and odd
/// proxies that weaken SameSite are covered). With <see cref="JsonBodiesOnly"/>, a body must be
/// <c>application/json</c>: an HTML form on another site can only send form or text bodies, and a
/// script can send JSON cross-site only after a CORS preflight, which this site never approves.
/// Scripts such as curl send no <c>Origin</c> and no <c>Sec-Fetch-Site</c>, so they still work.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class SameSiteWritesOnlyAttribute : Attribute, IResourceFilter, IOrderedFilter
{
    /// <summary>Refuse a write whose body is not JSON (415). Off for HTML form posts such as the login page.</summary>
    public bool JsonBodiesOnly { get; set; }

    /// <summary>Before model binding and before any other resource filter.</summary>
    public int Order => int.MinValue;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return;
        }

        if (IsCrossSite(request))
        {
            context.Result = Problem(StatusCodes.Status403Forbidden, "Požadavek z cizího webu",
                "Změny ve správě SMS lze posílat jen ze stránek tohoto webu.");
        }
        else if (JsonBodiesOnly && request.ContentType is { Length: > 0 } type && !IsJson(type)
            && !context.ActionDescriptor.EndpointMetadata.OfType<RawUploadAttribute>().Any(upload => upload.Accepts(type)))
        {
            context.Result = Problem(StatusCodes.Status415UnsupportedMediaType, "Nepodporovaný formát",
                "Tělo požadavku musí být JSON (Content-Type: application/json).");
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    internal static bool IsCrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // Compare host and port, not the scheme: behind a TLS-terminating proxy the request arrives
        // as http while the browser's Origin says https. "null" (sandboxed frames) never matches.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", NormalizedHost(request), StringComparison.OrdinalIgnoreCase);
    }

    private static string NormalizedHost(HttpRequest request)
    {
        var host = request.Host;
        return host.Port is 80 or 443 or null ? host.Host : $"{host.Host}:{host.Port}";
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static ObjectResult Problem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status, ContentTypes = { "application/problem+json" } };
}
