using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>Limits that cost an attacker money, not an honest household its sign-up; and what administrators see and can do.</summary>
public sealed class SmsLimitTests
{
    private const string CapPath = "/umbraco/sms/api/v1/settings/verification-cap";

    [Fact]
    public async Task Typos_do_not_count_against_the_limit_of_one_address()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:IpPermitLimit"] = "2" });
        var resident = new ResidentClient(site);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "60312", site: site), "/sms")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 001", site: site), "/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 002", site: site), "/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 003", site: site), "/sms")).StatusCode);
    }

    [Fact]
    public async Task The_limit_of_one_address_says_the_true_time_when_it_ends()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:IpPermitLimit"] = "1" });
        var resident = new ResidentClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 001", site: site), "/sms")).StatusCode);
        site.Time.Advance(TimeSpan.FromMinutes(5));

        var refused = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 002", site: site), "/sms");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter!.Delta);
        var text = await ResidentClient.TextAsync(refused);
        Assert.Contains("v 10:15", text, StringComparison.Ordinal);
        Assert.Contains("za 10 minut", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/sms/prihlaska\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.2", "192.0.2.3", "198.51.100.1")]
    [InlineData("2001:db8:0:1::1", "2001:db8:0:2::1", "2001:db8:0:ff::1", "2001:db8:0:100::1")]
    public async Task One_network_cannot_use_up_the_towns_verification_sms(string first, string second, string third, string otherNetwork)
    {
        using var site = new ClientIpSiteFactory(new Dictionary<string, string?>
        {
            ["Studenka:Subscriptions:IpPermitLimit"] = "10",
            ["Studenka:Subscriptions:NetworkPermitLimit"] = "2",
        });
        var resident = new ResidentClient(site);

        var statuses = new List<HttpStatusCode>();
        var n = 0;
        foreach (var ip in new[] { first, second, third, otherNetwork })
        {
            resident.Http.DefaultRequestHeaders.Remove(ClientIpSiteFactory.Header);
            resident.Http.DefaultRequestHeaders.Add(ClientIpSiteFactory.Header, ip);
            statuses.Add((await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: $"603 000 00{++n}", site: site), "/sms")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.Redirect], statuses);
    }

    [Fact]
    public async Task Administrators_are_alerted_once_when_the_daily_cap_is_near_and_once_when_it_is_reached()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:DailyVerificationSmsCap"] = "5" });
        var resident = new ResidentClient(site);
        for (var i = 1; i <= 6; i++)
        {
            await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: $"603 000 00{i}", site: site), "/sms");
        }

        site.DrainOutbox();
        using var db = site.OpenDatabase();
        var alerts = db.Query<(string Action, string Subject)>("SELECT action, subject FROM audit_log WHERE action LIKE 'sms.verification-cap%' ORDER BY id").ToList();
        Assert.Equal([("sms.verification-cap.near", "2026-11-27"), ("sms.verification-cap.reached", "2026-11-27")], alerts);
        Assert.Equal(5L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM sandbox_sms"));
    }

    [Fact]
    public async Task An_administrator_raises_the_daily_cap_at_once_and_it_is_audited()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:DailyVerificationSmsCap"] = "1" });
        var resident = new ResidentClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 001", site: site), "/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 002", site: site), "/sms")).StatusCode);
        using var editor = await site.CreateOperatorClientAsync(OperatorRole.Editor);
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendJsonAsync(HttpMethod.Put, CapPath, new { dailyCap = 100 })).StatusCode);
        var bad = await admin.SendJsonAsync(HttpMethod.Put, CapPath, new { dailyCap = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("1 až", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var raised = await admin.SendJsonAsync(HttpMethod.Put, CapPath, new { dailyCap = 3 });

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var view = await admin.GetFromJsonAsync<JsonElement>(CapPath);
        Assert.Equal(3, view.GetProperty("dailyCap").GetInt32());
        Assert.Equal(1, view.GetProperty("configuredDefault").GetInt32());
        Assert.Equal(1, view.GetProperty("sentToday").GetInt32());
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 002", site: site), "/sms")).StatusCode);
        using var db = site.OpenDatabase();
        var audit = db.QuerySingle<(string Actor, string Subject, string Details)>("SELECT actor, subject, details FROM audit_log WHERE action = 'settings.changed'");
        Assert.StartsWith("Test Administrator", audit.Actor, StringComparison.Ordinal);
        Assert.Equal(("verification-cap", "1 → 3"), (audit.Subject, audit.Details));
        // Persisted: a restarted site (new host, same database) keeps the raised cap.
        using var restarted = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:DailyVerificationSmsCap"] = "1" }, site.Directory_);
        using var admin2 = await restarted.CreateOperatorClientAsync(OperatorRole.Administrator);
        Assert.Equal(3, (await admin2.GetFromJsonAsync<JsonElement>(CapPath)).GetProperty("dailyCap").GetInt32());

        // Like every run-time setting, the cap returns to the configuration's value (audited).
        Assert.Equal(HttpStatusCode.OK, (await admin2.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/umbraco/sms/api/v1/settings/verification-cap"))).StatusCode);
        Assert.Equal(1, (await admin2.GetFromJsonAsync<JsonElement>(CapPath)).GetProperty("dailyCap").GetInt32());
        var resident2 = new ResidentClient(restarted);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident2.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 003", site: restarted), "/sms")).StatusCode);
    }
}

/// <summary>The Site with the client's address taken from a test header, as forwarded headers would set it behind a proxy.</summary>
internal sealed class ClientIpSiteFactory(IDictionary<string, string?> settings) : StudenkaSiteFactory(settings)
{
    public const string Header = "X-Test-Client-IP";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientIpStartupFilter>());
    }

    private sealed class ClientIpStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header], out var ip))
                {
                    context.Connection.RemoteIpAddress = ip;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
