using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>
/// The real Site, where a test header stands for the client's address (the test server has none),
/// so tests can play an attacker and the owner on two different connections.
/// </summary>
internal static class ClientAddressSite
{
    private const string Header = "X-Test-Client-Address";

    public static WebApplicationFactory<Program> WithClientAddresses(this StudenkaSiteFactory site) =>
        site.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>()));

    /// <summary>A client with a cookie jar whose every request comes from <paramref name="address"/>.</summary>
    public static HttpClient CreateClientFrom(this WebApplicationFactory<Program> site, string address)
    {
        var client = site.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
