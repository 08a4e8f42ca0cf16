using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class FailClosedHostTests
{
    [Theory]
    [InlineData("/umbraco/sms/api/v1/audit")]
    public async Task A_host_without_an_operator_adapter_refuses_the_management_api_with_401_not_500(string path)
    {
        using var folder = new TempFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Studenka:Persistence:ConnectionString"] = $"Data Source={folder.File("sms.db")}";
        builder.Configuration["Studenka:Sms:TownName"] = "Studénka";
        builder.Services.AddStudenkaNotifications(builder.Configuration);
        await using var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        await app.StartAsync();

        using var response = await app.GetTestClient().GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, $"{(int)response.StatusCode}");
        if (path.EndsWith("audit", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("nemá nastavené přihlášení operátorů", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            // The standalone login endpoints do not exist at all without the standalone adapter.
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
