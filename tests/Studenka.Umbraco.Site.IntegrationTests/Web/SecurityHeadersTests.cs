using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Web;

/// <summary>CSP, HSTS, nosniff, framing and referrer headers on every response the Site can give.</summary>
public sealed class SecurityHeadersTests
{
    private static HttpClient Https(StudenkaSiteFactory site) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The headers missing from <paramref name="response"/>, named with what was asked.</summary>
    internal static IEnumerable<string> Missing(HttpResponseMessage response, string what, bool https = true)
    {
        string? Header(string name) => response.Headers.TryGetValues(name, out var v) || response.Content.Headers.TryGetValues(name, out v) ? string.Join(", ", v) : null;
        var expected = new Dictionary<string, Func<string?, bool>>
        {
            ["X-Content-Type-Options"] = v => v == "nosniff",
            ["Content-Security-Policy"] = v => v is not null && v.Contains("default-src 'self'", StringComparison.Ordinal) && v.Contains("frame-ancestors 'none'", StringComparison.Ordinal),
            ["X-Frame-Options"] = v => v == "DENY",
            ["Referrer-Policy"] = v => v == "same-origin",
            ["Strict-Transport-Security"] = v => https ? v is not null && v.StartsWith("max-age=", StringComparison.Ordinal) : v is null,
        };
        return expected.Where(e => !e.Value(Header(e.Key))).Select(e => $"{what} → {(int)response.StatusCode}: {e.Key} = {Header(e.Key) ?? "(none)"}");
    }

    /// <summary>A concrete URL for a route pattern: numbers where the route wants numbers.</summary>
    private static string UrlOf(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1" : "x",
        _ => string.Empty,
    }))));

    [Fact]
    public async Task Every_endpoint_static_file_404_and_error_response_carries_the_security_headers()
    {
        using var site = new StudenkaSiteFactory();
        var client = Https(site);
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var requests = endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Url: UrlOf(e.RoutePattern))))
            .Distinct()
            .Concat<(string Method, string Url)>([("GET", "/studenka-sms/sms.css"), ("GET", "/site.css"), ("GET", "/App_Plugins/Studenka.Notifications/umbraco-package.json"),
                ("GET", "/neexistuje"), ("GET", "/umbraco/sms/api/v1/campaigns/abc"), ("DELETE", "/umbraco/sms/api/v1/campaigns"), ("GET", "/chyba/500")])
            .ToList();
        // A new route cannot be forgotten: these come from the routing table, not from a list here.
        Assert.Contains(requests, r => r.Url == "/sms/sandbox");
        Assert.Contains(requests, r => r.Url == "/umbraco/sms/api/v1/campaigns/1" && r.Method == "GET");
        Assert.Contains(requests, r => r.Url == "/sms/webhooks/messagebird/inbound" && r.Method == "POST");

        var missing = new List<string>();
        var statuses = new HashSet<int>();
        foreach (var (method, url) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = url.StartsWith("/umbraco/sms/api", StringComparison.Ordinal)
                    ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                    : new FormUrlEncodedContent([]);
            }

            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            missing.AddRange(Missing(response, $"{method} {url}"));
        }

        Assert.Empty(missing);
        // The walk met successes, redirects, client errors and refusals alike.
        Assert.Superset(new HashSet<int> { 200, 302, 400, 401, 404, 405 }, statuses);
    }

    [Fact]
    public async Task A_server_error_page_of_a_live_site_carries_the_security_headers()
    {
        using var site = new StudenkaSiteFactory { EnvironmentName = "Production" };
        var client = Https(site);

        using var response = await client.GetAsync("/chyba");

        Assert.Empty(Missing(response, "GET /chyba"));
    }

    [Fact]
    public async Task Over_plain_http_there_is_no_HSTS_but_the_other_headers_stay()
    {
        using var site = new StudenkaSiteFactory();

        using var response = await site.CreateClient().GetAsync("/sms");

        Assert.Empty(Missing(response, "GET /sms", https: false));
    }

    [Fact]
    public async Task Over_https_the_antiforgery_cookie_is_secure_and_tempdata_is_strict()
    {
        using var site = new StudenkaSiteFactory();
        var client = Https(site);

        using var page = await client.GetAsync("/sms");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));

        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        var resident = new ResidentClient(site, client);
        await resident.SignUpAndConfirmAsync();
        await resident.OpenManageAsync();
        using var saved = await resident.PostAsync("/sms/sprava/odber",
            [new("Addresses[0].PartId", ResidentClient.PartId(site, "Nová Horka").ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Packages", "5")],
            "/sms/sprava/odber");
        var tempData = saved.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("samesite=strict", tempData, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", tempData, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", tempData, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Scoped_to_the_package_the_strict_policy_leaves_the_hosts_own_pages_alone()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Web:SecurityHeadersScope"] = "PackagePaths" });
        var client = Https(site);

        using var home = await client.GetAsync("/");
        using var signUp = await client.GetAsync("/sms/prihlaska");
        using var api = await client.GetAsync("/umbraco/sms/api/v1/areas");

        Assert.False(home.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("nosniff", home.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", home.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", home.Headers.GetValues("Referrer-Policy").Single());
        Assert.Empty(Missing(signUp, "GET /sms/prihlaska"));
        Assert.Empty(Missing(api, "GET /umbraco/sms/api/v1/areas"));
    }
}
