using System.Net;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class LoginAttemptLimitTests
{
    [Fact]
    public async Task One_address_trying_many_names_is_stopped_and_even_the_right_password_waits_there_but_not_elsewhere()
    {
        using var factory = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Operators:LoginAttemptsPerIp"] = "3" });
        using var site = factory.WithClientAddresses();
        var account = await site.CreateOperatorAsync(OperatorRole.Dispatch);
        using var client = site.CreateClientFrom("203.0.113.66");
        foreach (var name in new[] { "alena", "bohus", "cyril" })
        {
            using var wrong = await client.LoginAsync(name, "Heslo-pro-vsechny-1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var fourth = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
        Assert.Contains("příliš mnoho pokusů", await fourth.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(OperatorClient.CurrentUserPath)).StatusCode);
        // The limit is about the address, not the account: its owner elsewhere signs in at once.
        using var owner = site.CreateClientFrom("198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, (await owner.LoginAsync(account.UserName, OperatorClient.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task The_login_page_shares_the_limit_and_answers_in_czech_with_the_form_kept()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Operators:LoginAttemptsPerIp"] = "1" });
        var account = await site.CreateOperatorAsync(OperatorRole.Editor);
        using var browser = site.CreateAnonymousClient();

        using var first = await browser.SubmitLoginAsync(account.UserName, "spatne-heslo-123");
        using var second = await browser.SubmitLoginAsync(account.UserName, OperatorClient.TestPassword);
        var page = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("příliš mnoho pokusů o přihlášení", page, StringComparison.Ordinal);
        Assert.Contains(account.UserName, page, StringComparison.Ordinal);
    }
}
