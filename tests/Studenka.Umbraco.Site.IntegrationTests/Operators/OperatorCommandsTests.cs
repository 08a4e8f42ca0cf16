using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Operators;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class OperatorCommandsTests
{
    private const string Areas = "/umbraco/sms/api/v1/areas";
    private const string Audit = "/umbraco/sms/api/v1/audit";

    [Fact]
    public async Task An_api_client_gets_a_bearer_for_its_operators_role_and_loses_it_when_the_operator_is_disabled()
    {
        using var site = new StudenkaSiteFactory();
        await site.CreateOperatorAsync(OperatorRole.Editor, "skript");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var created = await OperatorCommands.RunAsync(site.Services, "create-api-client", ["skript"], output, error, CancellationToken.None);
        var lines = output.ToString().Split('\n').Select(l => l.Trim()).ToList();
        using var client = site.CreateAnonymousClient();
        using var token = await client.PostAsync(OperatorClient.AuthRoot + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = lines.Single(l => l.StartsWith("client_id=", StringComparison.Ordinal))["client_id=".Length..],
            ["client_secret"] = lines.Single(l => l.StartsWith("client_secret=", StringComparison.Ordinal))["client_secret=".Length..],
        }));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        Assert.Equal(0, created);
        Assert.NotEqual(OperatorClient.Redacted, accessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Audit)).StatusCode);

        Assert.Equal(0, await OperatorCommands.RunAsync(site.Services, "disable-operator", ["skript"], output, error, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Areas)).StatusCode);
    }

    [Fact]
    public async Task A_role_change_from_the_command_line_is_audited_and_an_unknown_name_is_an_error()
    {
        using var site = new StudenkaSiteFactory();
        await site.CreateOperatorAsync(OperatorRole.Editor, "jana");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var changed = await OperatorCommands.RunAsync(site.Services, "set-operator-role", ["jana", "Dispatch"], output, error, CancellationToken.None);
        var unknown = await OperatorCommands.RunAsync(site.Services, "disable-operator", ["nikdo"], output, error, CancellationToken.None);
        var entries = await site.Services.GetRequiredService<AuditLog>().ReadAsync(10, CancellationToken.None);

        Assert.Equal((0, 1), (changed, unknown));
        Assert.Contains("Dispečink", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("neexistuje", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Action == "operator.role-changed" && e.Subject == "jana" && e.Details == "Editor → Dispatch");
    }
}
