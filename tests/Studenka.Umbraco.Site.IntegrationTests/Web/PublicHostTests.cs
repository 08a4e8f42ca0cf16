using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Web;

/// <summary>The Host header is the client's choice: it must not reach redirects or the links residents get by SMS.</summary>
public sealed class PublicHostTests
{
    private const string Forged = "evil.example";
    private const string Key = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private static async Task<HttpResponseMessage> GetWithHostAsync(StudenkaSiteFactory site, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await site.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);
    }

    [Fact]
    public async Task The_site_refuses_a_forged_host_with_400_and_still_sends_its_security_headers()
    {
        using var site = new StudenkaSiteFactory();

        using var forged = await GetWithHostAsync(site, OperatorClient.AuthorizeUrl(Pkce.Create()), Forged);
        using var local = await GetWithHostAsync(site, OperatorClient.AuthorizeUrl(Pkce.Create(), "http://localhost/umbraco/oauth_complete"), "localhost");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(SecurityHeadersTests.Missing(forged, "forged host", https: false));
        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
    }

    [Fact]
    public async Task A_forged_host_gets_a_czech_page_and_the_api_czech_problem_json()
    {
        using var site = new StudenkaSiteFactory();

        using var page = await GetWithHostAsync(site, "/sms", Forged);
        using var api = await GetWithHostAsync(site, "/umbraco/sms/api/v1/areas", Forged);
        var text = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", page.Content.Headers.ContentType?.CharSet);
        Assert.Contains("<html lang=\"cs\">", text, StringComparison.Ordinal);
        Assert.Contains("Adresa serveru v požadavku (Host) neodpovídá tomuto webu.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Invalid Hostname", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Host", (await api.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_any_host_allowed_and_a_public_address_the_login_redirect_stays_relative()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz",
        });

        using var response = await GetWithHostAsync(site, OperatorClient.AuthorizeUrl(Pkce.Create(), "https://www.studenka.cz/umbraco/oauth_complete"), Forged);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The sign-in's own redirect is relative: the forged host never appears in it.
        Assert.StartsWith("/umbraco/login?returnUrl=%2Fumbraco%2Fmanagement", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_address_the_login_redirect_is_relative_so_no_host_gets_in()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["AllowedHosts"] = "*" });

        using var response = await GetWithHostAsync(site, OperatorClient.AuthorizeUrl(Pkce.Create(), "http://evil.example/umbraco/oauth_complete"), Forged);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/umbraco/login?returnUrl=%2Fumbraco%2Fmanagement", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_campaigns_location_uses_the_public_address()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz",
        });
        var client = await site.CreateOperatorClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/umbraco/sms/api/v1/campaigns")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { packageId = 1, text = "Zkouška" }),
        };
        request.Headers.Host = Forged;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("https://www.studenka.cz/umbraco/sms/api/v1/campaigns/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_reply_links_to_the_public_address_whatever_host_the_webhook_came_with()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz",
            ["Studenka:Sms:WebhookSigningKey"] = Key,
        });
        var body = await new FormUrlEncodedContent([new("originator", "420603123456"), new("payload", "START"), new("recipient", "420700100200")]).ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/webhooks/messagebird/inbound") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Host = Forged;
        // MessageBird signs the public address it calls; the site rebuilds it from the same setting.
        request.Headers.Add(MessageBirdWebhookSigner.HeaderName,
            MessageBirdWebhookSigner.Sign(Key, "https://www.studenka.cz/sms/webhooks/messagebird/inbound", site.Time.GetUtcNow(), body));

        using var response = await site.CreateClient().SendAsync(request);
        site.DrainOutbox();
        using var db = site.OpenDatabase();
        var reply = db.ExecuteScalar<string>("SELECT body FROM sandbox_sms WHERE recipient = '+420603123456'");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("https://www.studenka.cz/sms", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(Forged, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_address_gives_the_default_delivery_report_url()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz/" });

        var sms = site.Services.GetRequiredService<IOptions<SmsOptions>>().Value;

        Assert.Equal("https://www.studenka.cz/sms/webhooks/messagebird/dlr", sms.ReportUrl?.AbsoluteUri);
    }

    [Fact]
    public void A_public_address_that_is_not_an_absolute_http_url_stops_the_start()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Web:PublicBaseUrl"] = "ftp://www.studenka.cz" });

        var error = Assert.ThrowsAny<Exception>(() => site.Services);

        Assert.Contains("Studenka:Web:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }
}
