using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Web;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.Routing;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>
/// A page's absolute address, for <c>{url}</c> and the campaign's source: from the host's Core
/// <see cref="IPublishedUrlProvider"/> (Umbraco's, or the Site's), a relative answer placed under
/// <c>Studenka:Web:PublicBaseUrl</c>. Null when the host cannot say (no provider, no route yet, "#").
/// </summary>
public sealed class PageUrls(IServiceProvider services, IOptions<WebOptions> web)
{
    public string? Of(IContent content, string? culture)
    {
        string? url;
        try
        {
            url = services.GetService<IPublishedUrlProvider>()?.GetUrl(content.Key, UrlMode.Absolute, culture);
        }
        catch (InvalidOperationException)
        {
            // Umbraco's provider needs a request's context; without one the page simply has no address here.
            url = null;
        }

        if (string.IsNullOrWhiteSpace(url) || url == "#")
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.ToString();
        }

        return url.StartsWith('/') && web.Value.PublicBaseUrl is { } root ? PublicUrls.Combine(root, url) : null;
    }
}
