using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Web;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.Routing;

namespace Studenka.Umbraco.Site.Content;

/// <summary>Where the Site's public pages live: <c>/akce/{slug}</c> and <c>/aktuality/{slug}</c>.</summary>
public static class SitePagePaths
{
    public const string Events = "/akce";
    public const string News = "/aktuality";

    public static string ListOf(string documentType) => documentType == SiteDocumentTypes.Event ? Events : News;

    public static string Of(string documentType, string slug) => $"{ListOf(documentType)}/{Uri.EscapeDataString(slug)}";
}

/// <summary>
/// Core's URL provider for the Site's pages (Umbraco's own answers under Umbraco): the package asks it
/// for <c>{url}</c> in the SMS and the campaign's source. Absolute under <c>Studenka:Web:PublicBaseUrl</c>,
/// else under the address of the current request; "#" (Core's "no URL") for anything not published.
/// Core's interface is synchronous, hence the blocking read; it is asked once per publish, not per page view.
/// </summary>
public sealed class SitePageUrls(SitePageStore store, IOptions<WebOptions> web, IHttpContextAccessor http) : IPublishedUrlProvider
{
    private const string NoUrl = "#";

    public UrlMode Mode { get; set; } = UrlMode.Absolute;

    public string GetUrl(Guid id, UrlMode mode = UrlMode.Default, string? culture = null, Uri? current = null)
    {
        var page = store.GetAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        return page is { IsPublished: true, Slug: { } slug } ? Absolute(SitePagePaths.Of(page.DocumentType, slug), mode, current) : NoUrl;
    }

    /// <summary>The public address of a published page (the management API's <c>url</c>).</summary>
    public string? UrlOf(SitePage page) => page is { IsPublished: true, Slug: { } slug } ? Absolute(SitePagePaths.Of(page.DocumentType, slug), UrlMode.Absolute, null) : null;

    // The Site has no published-content cache: pages are known by key only.
    public string GetUrl(int id, UrlMode mode = UrlMode.Default, string? culture = null, Uri? current = null) => NoUrl;

    public string GetUrl(IPublishedContent? content, UrlMode mode = UrlMode.Default, string? culture = null, Uri? current = null) =>
        content is null ? NoUrl : GetUrl(content.Key, mode, culture, current);

    public string GetUrlFromRoute(int id, string? route, string? culture) => NoUrl;

    public IEnumerable<UrlInfo> GetOtherUrls(int id) => [];

    public IEnumerable<UrlInfo> GetOtherUrls(int id, Uri current) => [];

    public string GetMediaUrl(Guid id, UrlMode mode = UrlMode.Default, string? culture = null, string propertyAlias = Constants.Conventions.Media.File, Uri? current = null) => NoUrl;

    public string GetMediaUrl(IPublishedContent? content, UrlMode mode = UrlMode.Default, string? culture = null, string propertyAlias = Constants.Conventions.Media.File, Uri? current = null) => NoUrl;

    private string Absolute(string path, UrlMode mode, Uri? current)
    {
        if (mode == UrlMode.Relative)
        {
            return path;
        }

        if (web.Value.PublicBaseUrl is { } root)
        {
            return PublicUrls.Combine(root, path);
        }

        if (current is not null)
        {
            return new Uri(current, path).ToString();
        }

        return http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}{path}" : path;
    }
}
