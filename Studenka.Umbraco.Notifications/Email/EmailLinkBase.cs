using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Email;

/// <summary>
/// The absolute root of the links in e-mails: <c>Studenka:Web:PublicBaseUrl</c>, else the site's own
/// address (the first one the server listens on, as the Site's page URLs fall back to the site's
/// address). E-mails are built by the worker, with no request, and never from a Host header.
/// </summary>
public sealed class EmailLinkBase(IOptions<WebOptions> web, IServiceProvider services)
{
    public string Root
    {
        get
        {
            if (web.Value.PublicBaseUrl is { } root)
            {
                return root.OriginalString.TrimEnd('/');
            }

            var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var own))
            {
                return "http://localhost";
            }

            // A wildcard binding (0.0.0.0, [::]) is no address a resident can open; the machine's own name is.
            var host = own.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : own.Host;
            return new UriBuilder(own.Scheme, host, own.Port).Uri.ToString().TrimEnd('/');
        }
    }

    public string Absolute(string pathAndQuery) => Root + pathAndQuery;
}
