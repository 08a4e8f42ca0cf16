using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>Section <c>Studenka:Web</c>: how the resident pages fit into the host site.</summary>
public sealed class WebOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Web";

    /// <summary>
    /// Razor layout of the resident pages. The package ships a plain one; a site sets its own
    /// (the standalone Site uses "_Layout") so the pages look like the rest of the town's web.
    /// </summary>
    [Required]
    public string Layout { get; set; } = "_StudenkaSmsLayout";

    /// <summary>
    /// Absolute address of the sign-up page, sent to residents who text START. Empty:
    /// <c>/sms</c> under <see cref="PublicBaseUrl"/>, or on the host that received the SMS webhook.
    /// </summary>
    [Url]
    public string? PublicSignUpUrl { get; set; }

    /// <summary>
    /// The site's public root (e.g. <c>https://www.studenka.cz</c>). Absolute links and redirects
    /// are built from it instead of the request's Host header, which a client chooses.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Content-Security-Policy of the package's pages and API (and of every response with <see cref="SecurityHeadersScope.AllResponses"/>).</summary>
    [Required]
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Where the strict headers (CSP, X-Frame-Options DENY, Referrer-Policy same-origin) go. Default:
    /// the package's own paths only, so an Umbraco backoffice and the town's templates keep theirs.
    /// </summary>
    public SecurityHeadersScope SecurityHeadersScope { get; set; } = SecurityHeadersScope.PackagePaths;

    /// <summary>
    /// With <see cref="SecurityHeadersScope.AllResponses"/>: paths whose CSP and framing headers the
    /// host sets itself (the standalone Site's backoffice at <c>/umbraco</c>, whose boot page needs
    /// its own policy). The package's own paths below them keep the strict headers.
    /// </summary>
    public List<string> HostSecurityHeadersPaths { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url
            && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.Query.Length == 0 && url.Fragment.Length == 0))
        {
            yield return new ValidationResult(
                "Studenka:Web:PublicBaseUrl must be an absolute http(s) URL without query, e.g. https://www.studenka.cz.", [nameof(PublicBaseUrl)]);
        }
    }
}

public enum SecurityHeadersScope
{
    /// <summary>The package's resident pages, operator pages, API and static files.</summary>
    PackagePaths,

    /// <summary>Every response of the host (the standalone Site: its pages use only the package's assets).</summary>
    AllResponses,
}
