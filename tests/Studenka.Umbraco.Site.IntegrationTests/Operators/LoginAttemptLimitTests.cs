using System.Net;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class LoginAttemptLimitTests
{
    [Fact]
    public async Task One_address_trying_many_names_is_stopped_before_any_account_locks_and_even_the_right_password_waits()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Operators:LoginAttemptsPerIp"] = "3" });
        var account = await site.CreateOperatorAsync(OperatorRole.Dispatch);
        using var client = site.CreateAnonymousClient();
        foreach (var name in new[] { "alena", "bohus", "cyril" })
        {
            using var wrong = await client.LoginAsync(name, "Heslo-pro-vsechny-1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var fourth = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
        Assert.Contains("příliš mnoho pokusů", await fourth.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/umbraco/sms/api/v1/auth/me")).StatusCode);
        // The limit is about the address, not the account: the account itself is not locked.
        using var db = site.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT failed_attempts FROM operators WHERE user_name = $name";
        command.Parameters.AddWithValue("$name", account.UserName);
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task The_login_page_shares_the_limit_and_answers_in_czech_with_the_form_kept()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Operators:LoginAttemptsPerIp"] = "1" });
        var account = await site.CreateOperatorAsync(OperatorRole.Editor);
        var browser = new ResidentClient(site);
        List<KeyValuePair<string, string>> Form(string password) => [new("userName", account.UserName), new("password", password), new("returnUrl", "/sprava")];

        using var first = await browser.PostAsync("/sprava/prihlaseni", Form("spatne-heslo-123"), "/sprava/prihlaseni");
        using var second = await browser.PostAsync("/sprava/prihlaseni", Form(OperatorClient.TestPassword), "/sprava/prihlaseni");
        var page = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("příliš mnoho pokusů o přihlášení", page, StringComparison.Ordinal);
        Assert.Contains(account.UserName, page, StringComparison.Ordinal);
    }
}
