using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>
/// The Site as the matrix's host: one operator per role, each signed in through the real backoffice
/// flow (authorize with PKCE → Czech login page → code → token), whose clients then send what the
/// backoffice client sends: <c>Bearer [redacted]</c> plus the HttpOnly token cookies.
/// </summary>
public sealed class SiteMatrixHost : IMatrixHost
{
    private readonly StudenkaSiteFactory _site;
    private readonly Dictionary<Caller, CookieContainer> _jars;

    private SiteMatrixHost(StudenkaSiteFactory site, Dictionary<Caller, CookieContainer> jars)
    {
        _site = site;
        _jars = jars;
    }

    public IServiceProvider Services => _site.Services;

    public IReadOnlyList<RouteEndpoint> Endpoints =>
        _site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("umbraco/sms/api", StringComparison.OrdinalIgnoreCase) == true).ToList();

    public static async Task<SiteMatrixHost> StartAsync()
    {
        var site = new StudenkaSiteFactory();
        try
        {
            var jars = new Dictionary<Caller, CookieContainer>();
            foreach (var (caller, role) in new[] { (Caller.Editor, OperatorRole.Editor), (Caller.Dispatch, OperatorRole.Dispatch), (Caller.Administrator, OperatorRole.Administrator) })
            {
                // The signed-in client is kept alive by its jar: every request gets a fresh client on the same cookies.
                var client = await site.CreateOperatorClientAsync(role);
                jars[caller] = OperatorClient.CookiesOf(client);
            }

            return new SiteMatrixHost(site, jars);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    public HttpClient ClientFor(Caller caller)
    {
        if (!_jars.TryGetValue(caller, out var jar))
        {
            // Anonymous: no cookies, no bearer.
            return _site.CreateDefaultClient(OperatorClient.BaseAddress);
        }

        var client = _site.CreateDefaultClient(OperatorClient.BaseAddress, new CookieContainerHandler(jar));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorClient.Redacted);
        return client;
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
