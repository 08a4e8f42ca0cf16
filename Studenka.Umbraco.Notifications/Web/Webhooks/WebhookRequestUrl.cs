using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Studenka.Umbraco.Notifications.Web.Webhooks;

/// <summary>
/// The URL of a webhook call exactly as MessageBird signed it. The query must stay byte for byte
/// as received (no decoding, re-encoding or sorting), so it comes from the raw request target,
/// not from the parsed query. Behind a proxy the host's forwarded-headers middleware must set
/// scheme and host, or <see cref="Gateway.SmsOptions.WebhookPublicBaseUrl"/> replaces them.
/// </summary>
internal static class WebhookRequestUrl
{
    public static string Reconstruct(HttpRequest request, Uri? publicBaseUrl)
    {
        var pathAndQuery = RawPathAndQuery(request);
        if (publicBaseUrl is null)
        {
            return $"{request.Scheme}://{request.Host.ToUriComponent()}{pathAndQuery}";
        }

        // The configured base stands for scheme, host and path base together.
        var pathBase = request.PathBase.ToUriComponent();
        if (pathBase.Length > 0 && pathAndQuery.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
        {
            pathAndQuery = pathAndQuery[pathBase.Length..];
        }

        return publicBaseUrl.OriginalString.TrimEnd('/') + pathAndQuery;
    }

    private static string RawPathAndQuery(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            // Servers that do not keep the raw target: the query string is still undecoded here.
            return request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.Value;
        }

        if (raw.StartsWith('/'))
        {
            return raw;
        }

        // Absolute form ("http://host/path?query"), as some proxies send it: keep the path and query part.
        var authority = raw.IndexOf("://", StringComparison.Ordinal);
        var path = authority < 0 ? -1 : raw.IndexOf('/', authority + 3);
        return path < 0 ? "/" : raw[path..];
    }
}
