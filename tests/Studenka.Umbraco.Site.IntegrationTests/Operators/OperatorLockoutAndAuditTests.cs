using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class OperatorLockoutAndAuditTests
{
    private const string Audit = "/umbraco/sms/api/v1/audit";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_login_even_for_the_right_password_until_the_lockout_passes()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync(OperatorRole.Dispatch);
        using var client = site.CreateAnonymousClient();
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await client.LoginAsync(account.UserName, "spatne-heslo-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var fifth = await client.LoginAsync(account.UserName, "spatne-heslo-5");
        using var rightWhileLocked = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);
        site.Time.Advance(TimeSpan.FromMinutes(15));
        using var afterLockout = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightWhileLocked.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), rightWhileLocked.Headers.RetryAfter?.Delta);
        Assert.Contains("zamčený", await rightWhileLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterLockout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/umbraco/sms/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_get_the_same_response()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        using var client = site.CreateAnonymousClient();

        using var unknown = await client.LoginAsync("nikdo-takovy", OperatorClient.TestPassword);
        using var wrong = await client.LoginAsync(account.UserName, "spatne-heslo-123");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        // Everything but the per-request trace id is identical.
        Assert.Equal(await WithoutTraceIdAsync(unknown), await WithoutTraceIdAsync(wrong));
        Assert.Contains("Nesprávné jméno nebo heslo.", await WithoutTraceIdAsync(wrong), StringComparison.Ordinal);
    }

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

    [Fact]
    public async Task A_login_body_that_is_not_json_gets_415_not_500()
    {
        using var site = new StudenkaSiteFactory();
        using var client = site.CreateAnonymousClient();

        using var response = await client.PostAsync(OperatorClient.LoginPath, new FormUrlEncodedContent([new("userName", "a"), new("password", "b")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync())!;
        body.Remove("traceId");
        return JsonSerializer.Serialize(body, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
