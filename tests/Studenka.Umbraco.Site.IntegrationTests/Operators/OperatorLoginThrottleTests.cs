using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>
/// Wrong passwords slow down the address they come from, for that name only: they can neither
/// lock the owner out nor tell anyone which names exist.
/// </summary>
public sealed class OperatorLoginThrottleTests
{
    private const string Attacker = "203.0.113.66";
    private const string Owner = "198.51.100.7";

    [Fact]
    public async Task An_attackers_wrong_passwords_from_one_address_do_not_stop_the_owner_signing_in_from_another()
    {
        using var factory = new StudenkaSiteFactory();
        using var site = factory.WithClientAddresses();
        var dispatch = await site.CreateOperatorAsync(OperatorRole.Dispatch, "hlidka");
        using var attacker = site.CreateClientFrom(Attacker);
        for (var i = 0; i < 12; i++)
        {
            using var wrong = await attacker.LoginAsync(dispatch.UserName, "hadam-heslo-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            factory.Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var owner = site.CreateClientFrom(Owner);
        using var login = await owner.LoginAsync(dispatch.UserName, OperatorClient.TestPassword);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(OperatorClient.CurrentUserPath)).StatusCode);
    }

    [Fact]
    public async Task After_five_wrong_passwords_that_address_waits_even_with_the_right_one_then_may_try_again()
    {
        using var factory = new StudenkaSiteFactory();
        using var site = factory.WithClientAddresses();
        var account = await site.CreateOperatorAsync(OperatorRole.Editor);
        using var client = site.CreateClientFrom(Owner);
        for (var i = 0; i < 5; i++)
        {
            (await client.LoginAsync(account.UserName, "preklep-" + i)).Dispose();
        }

        using var tooSoon = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        using var afterTheWait = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterTheWait.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_a_wrong_password_and_a_throttled_try_get_the_same_answer()
    {
        using var factory = new StudenkaSiteFactory();
        using var site = factory.WithClientAddresses();
        var account = await site.CreateOperatorAsync(OperatorRole.Dispatch);
        using var client = site.CreateClientFrom(Attacker);

        using var unknown = await client.LoginAsync("nikdo-takovy", OperatorClient.TestPassword);
        using var wrong = await client.LoginAsync(account.UserName, "spatne-heslo-123");
        for (var i = 0; i < 5; i++)
        {
            (await client.LoginAsync(account.UserName, "spatne-heslo-" + i)).Dispose();
        }

        using var throttled = await client.LoginAsync(account.UserName, OperatorClient.TestPassword);

        var answers = new[] { unknown, wrong, throttled };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers, a => Assert.Null(a.Headers.RetryAfter));
        var bodies = await Task.WhenAll(answers.Select(ErrorSummaryAsync));
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[0], bodies[2]);
        Assert.Contains("Nesprávné jméno nebo heslo.", bodies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("zamčen", bodies[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_cannot_keep_several_accounts_from_their_owners()
    {
        using var factory = new StudenkaSiteFactory();
        using var site = factory.WithClientAddresses();
        var accounts = new List<Operator>();
        foreach (var role in new[] { OperatorRole.Administrator, OperatorRole.Editor, OperatorRole.Dispatch, OperatorRole.Dispatch })
        {
            accounts.Add(await site.CreateOperatorAsync(role));
        }

        using var attacker = site.CreateClientFrom(Attacker);
        for (var round = 0; round < 6; round++)
        {
            foreach (var account in accounts)
            {
                (await attacker.LoginAsync(account.UserName, "spatne-heslo-" + round)).Dispose();
            }
        }

        foreach (var account in accounts)
        {
            using var owner = site.CreateClientFrom(Owner);
            using var login = await owner.LoginAsync(account.UserName, OperatorClient.TestPassword);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
    }

    [Fact]
    public async Task A_site_still_setting_the_old_lockout_options_is_told_at_start_what_replaced_them()
    {
        var logs = new SiteLogRecorder();
        using var factory = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Operators:LockoutMinutes"] = "60" });
        using var site = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

        _ = site.Services;

        var warning = Assert.Single(logs.Entries, e => e.Contains("LockoutMinutes", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("Studenka:Operators:MaxDelayMinutes", warning, StringComparison.Ordinal);
    }

    /// <summary>The login page's error box: the part of the answer that must not tell the cases apart.</summary>
    private static async Task<string> ErrorSummaryAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var start = html.IndexOf("<div class=\"studenka-sms-error-summary\"", StringComparison.Ordinal);
        return start < 0 ? html : html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}
