using System.Net;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>Every verification SMS costs the town money: limits per IP, per number and per day.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task One_address_sending_too_many_sms_posts_gets_429_in_czech()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:IpPermitLimit"] = "3" });
        var resident = new ResidentClient(site);
        var numbers = new[] { "603 000 001", "603 000 002", "603 000 003", "603 000 004" };

        var statuses = new List<HttpStatusCode>();
        foreach (var number in numbers)
        {
            statuses.Add((await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: number, site: site), "/sms")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        var refused = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 005", site: site), "/sms");
        Assert.Contains("příliš mnoho žádostí o SMS", await ResidentClient.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(3L, SmsCount(site));
    }

    [Fact]
    public async Task A_second_code_to_the_same_number_within_a_minute_is_refused_with_retry_after()
    {
        using var site = new StudenkaSiteFactory();
        var resident = new ResidentClient(site);
        var first = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: site), "/sms");
        var page = first.Headers.Location!.OriginalString;
        var t = ResidentClient.TokenParameter(first);
        site.Time.Advance(TimeSpan.FromSeconds(30));

        var tooSoon = await resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), tooSoon.Headers.RetryAfter!.Delta);
        Assert.Contains("za 30 s", await ResidentClient.TextAsync(tooSoon), StringComparison.Ordinal);
        site.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page)).StatusCode);
        Assert.Equal(2L, SmsCount(site));
    }

    [Fact]
    public async Task A_number_gets_at_most_five_codes_a_day()
    {
        using var site = new StudenkaSiteFactory();
        var resident = new ResidentClient(site);
        var first = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: site), "/sms");
        var page = first.Headers.Location!.OriginalString;
        var t = ResidentClient.TokenParameter(first);
        for (var i = 0; i < 4; i++)
        {
            site.Time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(HttpStatusCode.OK, (await resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page)).StatusCode);
        }

        site.Time.Advance(TimeSpan.FromMinutes(2));
        var sixth = await resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("Zkuste to prosím zítra", await ResidentClient.TextAsync(sixth), StringComparison.Ordinal);
        Assert.Equal(5L, SmsCount(site));
    }

    [Fact]
    public async Task The_daily_cap_stops_verification_sms_for_everyone_until_the_next_Prague_day()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Subscriptions:DailyVerificationSmsCap"] = "2" });
        var resident = new ResidentClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 001", site: site), "/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 002", site: site), "/sms")).StatusCode);

        var capped = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 003", site: site), "/sms");

        Assert.Equal(HttpStatusCode.TooManyRequests, capped.StatusCode);
        Assert.Contains("limit ověřovacích SMS je vyčerpán", await ResidentClient.TextAsync(capped), StringComparison.Ordinal);
        Assert.Equal(2L, SmsCount(site));
        // 09:00 UTC is 10:00 in Prague; the Prague day ends at 23:00 UTC.
        site.Time.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 003", site: site), "/sms")).StatusCode);
        site.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 000 003", site: site), "/sms")).StatusCode);
    }

    [Fact]
    public async Task A_cross_site_post_without_the_page_token_is_refused_and_sends_nothing()
    {
        using var site = new StudenkaSiteFactory();
        var attacker = site.CreateClient(new() { AllowAutoRedirect = false });

        var response = await attacker.PostAsync("/sms/prihlaska", new FormUrlEncodedContent(ResidentClient.SignUpForm(site: site)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Formulář vypršel", await ResidentClient.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(0L, SmsCount(site));
    }

    private static long SmsCount(StudenkaSiteFactory site)
    {
        site.DrainOutbox();
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM sandbox_sms");
    }
}
