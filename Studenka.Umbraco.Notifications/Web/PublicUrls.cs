using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Absolute addresses of this site. The Host header is chosen by the client (a forged one would end
/// up in links sent by SMS and in redirects), so <see cref="WebOptions.PublicBaseUrl"/> wins when set.
/// </summary>
public sealed class PublicUrls(IOptions<WebOptions> options)
{
    /// <summary>The sign-up page as sent to residents who text START.</summary>
    public string SignUpUrl(string fromRequest) => ConfiguredSignUpUrl ?? fromRequest;

    /// <summary>The sign-up page from configuration only (never from a request), or null when none is set.</summary>
    public string? ConfiguredSignUpUrl => options.Value switch
    {
        { PublicSignUpUrl: { Length: > 0 } configured } => configured,
        { PublicBaseUrl: { } root } => Combine(root, "/sms"),
        _ => null,
    };

    /// <summary>The package's manage page on the configured public host, or null when none is set.</summary>
    public string? ConfiguredManageUrl => options.Value switch
    {
        { PublicBaseUrl: { } root } => Combine(root, "/sms/sprava"),
        { PublicSignUpUrl: { Length: > 0 } signUp } when Uri.TryCreate(signUp, UriKind.Absolute, out var uri) => new Uri(uri, "/sms/sprava").ToString(),
        _ => null,
    };

    public static string Combine(Uri root, string path) => root.OriginalString.TrimEnd('/') + path;

    /// <summary>
    /// A Location to this request's own host (ASP.NET builds absolute ones, e.g. the login challenge
    /// and 201 Created) points at the public root instead. Without one, a redirect becomes relative,
    /// so the browser stays where it is; other Locations stay as the host built them.
    /// </summary>
    internal static string RewriteLocation(string location, HttpRequest request, int status, Uri? publicBaseUrl)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var target)
            || target.Scheme is not ("http" or "https")
            || !string.Equals(target.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            || target.Port != (request.Host.Port ?? (target.Scheme == "https" ? 443 : 80)))
        {
            return location;
        }

        var pathAndQuery = target.PathAndQuery + target.Fragment;
        if (publicBaseUrl is null)
        {
            return status is >= 300 and < 400 ? pathAndQuery : location;
        }

        var pathBase = request.PathBase.Value ?? string.Empty;
        if (pathBase.Length > 0 && pathAndQuery.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
        {
            pathAndQuery = pathAndQuery[pathBase.Length..];
        }

        return Combine(publicBaseUrl, pathAndQuery);
    }
}
