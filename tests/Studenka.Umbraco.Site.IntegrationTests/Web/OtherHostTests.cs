using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Studenka.Umbraco.Notifications;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Web;

/// <summary>
/// A host that is not the Site (as an Umbraco site is): it gets the package's headers and Czech API
/// errors from the registration alone, and its own pages keep their own policy.
/// </summary>
public sealed class OtherHostTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Studenka:Persistence:ConnectionString"] = $"Data Source={_folder.File("sms.db")}";
        // The Site's appsettings.json sits in the test output too: this host uses the package's defaults instead.
        builder.Configuration["Studenka:Web:Layout"] = "_StudenkaSmsLayout";
        builder.Configuration["Studenka:Web:SecurityHeadersScope"] = "PackagePaths";
        builder.Services.AddStudenkaNotifications(builder.Configuration);
        _app = builder.Build();
        _app.UseRouting();
        _app.UseAuthorization();
        _app.MapControllers();
        // The host's own page, with a policy of its own (like Umbraco's backoffice).
        _app.MapGet("/umbraco", (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self' 'unsafe-inline'";
            return "backoffice";
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("GET", "/umbraco/sms/api/v1/campaigns/abc", 404, "Nenalezeno")]
    [InlineData("DELETE", "/umbraco/sms/api/v1/areas", 405, "Metoda není povolena")]
    public async Task Unanswered_api_errors_get_czech_problem_json(string method, string path, int status, string title)
    {
        using var response = await _app.GetTestClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_strict_policy_covers_the_package_and_leaves_the_hosts_pages_theirs()
    {
        var client = _app.GetTestClient();

        using var package = await client.GetAsync("/sms/prihlaska");
        using var host = await client.GetAsync("/umbraco");

        Assert.Empty(SecurityHeadersTests.Missing(package, "GET /sms/prihlaska", https: false));
        Assert.Equal("default-src 'self' 'unsafe-inline'", host.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", host.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", host.Headers.GetValues("X-Frame-Options").Single());
    }
}
