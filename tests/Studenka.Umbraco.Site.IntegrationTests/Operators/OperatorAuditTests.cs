using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class OperatorAuditTests
{
    private const string Audit = "/umbraco/sms/api/v1/audit";

    [Fact]
    public async Task An_administrator_reads_the_audit_log_with_logins_and_failures_newest_first()
    {
        using var site = new StudenkaSiteFactory();
        using var anonymous = site.CreateAnonymousClient();
        (await anonymous.LoginAsync("nikdo", "spatne-heslo-123")).Dispose();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");

        var entries = await admin.GetFromJsonAsync<JsonElement[]>(Audit + "?take=100");

        var actions = entries!.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["operator.login", "operator.created", "operator.login-failed"], actions);
        Assert.Equal("spravce", entries![0].GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Only_administrators_may_read_the_audit_log(OperatorRole role)
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(role);

        using var response = await client.GetAsync(Audit);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("hodně")]
    public async Task A_bad_take_gets_400_with_a_reason(string take)
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        using var response = await client.GetAsync(Audit + "?take=" + Uri.EscapeDataString(take));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
