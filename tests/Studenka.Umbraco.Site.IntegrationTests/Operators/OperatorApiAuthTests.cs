using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class OperatorApiAuthTests
{
    private const string Me = "/umbraco/sms/api/v1/auth/me";
    private const string Audit = "/umbraco/sms/api/v1/audit";

    [Theory]
    [InlineData("GET", Me)]
    [InlineData("GET", Audit)]
    public async Task Anonymous_calls_to_management_endpoints_get_401_problem_json_not_a_login_page(string method, string path)
    {
        using var site = new StudenkaSiteFactory();
        using var client = site.CreateAnonymousClient();

        using var response = await client.SendJsonAsync(new HttpMethod(method), path, method == "POST" ? new { take = 1 } : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_refused_login_is_czech_problem_json()
    {
        using var site = new StudenkaSiteFactory();
        using var client = site.CreateAnonymousClient();

        using var response = await client.LoginAsync("nikdo", "spatne-heslo-123");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Přihlášení se nezdařilo", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_signed_in_operator_sees_who_they_are()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka1");

        var me = await client.GetFromJsonAsync<JsonElement>(Me);

        Assert.Equal("hlidka1", me.GetProperty("userName").GetString());
        Assert.Equal("Test Dispatch", me.GetProperty("displayName").GetString());
        Assert.Equal("Dispatch", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_login_cookie_is_httponly_and_samesite_strict()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        using var client = site.CreateAnonymousClient();

        using var response = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Studenka.Operator=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_logout_the_cookie_no_longer_opens_the_api()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        using var logout = await client.SendJsonAsync(HttpMethod.Post, "/umbraco/sms/api/v1/auth/logout");
        using var me = await client.GetAsync(Me);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory]
    [InlineData("UPDATE operators SET role = 'Dispatch' WHERE user_name = 'spravce'")]
    [InlineData("DELETE FROM operators WHERE user_name = 'spravce'")]
    public async Task A_changed_role_or_a_removed_account_ends_the_session_at_once(string change)
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Audit)).StatusCode);
        using (var db = site.OpenDatabase())
        {
            using var command = db.CreateCommand();
            command.CommandText = change;
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var response = await client.GetAsync(Audit);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_session_slides_for_eight_hours_of_inactivity()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        site.Time.Advance(TimeSpan.FromHours(7));
        var stillIn = (await client.GetAsync(Me)).StatusCode;
        site.Time.Advance(TimeSpan.FromHours(7));
        var renewed = (await client.GetAsync(Me)).StatusCode;
        site.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var expired = (await client.GetAsync(Me)).StatusCode;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (stillIn, renewed, expired));
    }
}
