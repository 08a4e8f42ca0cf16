using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Site.IntegrationTests.Campaigns;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Statistics;

/// <summary>
/// The statistics' numbers from residents and campaigns made through the package's own services, over
/// months of a fake clock: sign-ups, a change of packages and city part, a cancellation, two campaigns.
/// </summary>
public sealed class StatisticsApiTests
{
    private const string Api = "/umbraco/sms/api/v1/statistics";
    private static int _ip;

    [Fact]
    public async Task Subscribers_over_time_follow_sign_ups_changes_and_cancellations_month_by_month_in_Prague_time()
    {
        using var site = new StudenkaSiteFactory();
        var residents = site.Services.GetRequiredService<SubscriptionService>();
        var butovice = site.PartId("Butovice");
        var studenka = site.PartId("Studénka");
        var mala = site.StreetId("Butovice", "Malá strana");
        var pozarnicka = site.StreetId("Studénka", "Požárnická");

        site.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero));
        var anna = await SignUpAsync(site, residents, "603 200 001", butovice, mala, [1, 2]);
        // 23:30 UTC on 31 January is 00:30 on 1 February in Prague: a February sign-up.
        site.Time.SetUtcNow(new DateTimeOffset(2027, 1, 31, 23, 30, 0, TimeSpan.Zero));
        var bedrich = await SignUpAsync(site, residents, "603 200 002", studenka, pozarnicka, [2]);
        site.Time.SetUtcNow(new DateTimeOffset(2027, 2, 15, 10, 0, 0, TimeSpan.Zero));
        Assert.True((await residents.UpdateAsync(anna, Input("603 200 001", studenka, pozarnicka, [2]), CancellationToken.None)).Succeeded);
        site.Time.SetUtcNow(new DateTimeOffset(2027, 3, 5, 10, 0, 0, TimeSpan.Zero));
        Assert.True(await residents.CancelAsync(bedrich, CancellationToken.None));
        using var editor = await site.CreateOperatorClientAsync(OperatorRole.Editor, "redaktor");

        var stats = await editor.GetFromJsonAsync<JsonElement>(Api + "/subscribers?from=2026-11&to=2027-03");

        Assert.Equal(["2026-11", "2026-12", "2027-01", "2027-02", "2027-03"], stats.GetProperty("months").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal([0, 1, 1, 2, 1], Values(stats.GetProperty("total")));
        Assert.Equal([0, 1, 1, 0, 0], Series(stats, "packages", 1));
        Assert.Equal([0, 1, 1, 2, 1], Series(stats, "packages", 2));
        Assert.Equal([0, 0, 0, 0, 0], Series(stats, "packages", 3));
        Assert.Equal([0, 1, 1, 0, 0], Series(stats, "cityParts", butovice));
        Assert.Equal([0, 0, 0, 2, 1], Series(stats, "cityParts", studenka));
        var csv = await editor.GetStringAsync(Api + "/subscribers/export?from=2026-11&to=2027-03");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("month,total,package 1: Krizové zprávy,package 2: Provozní informace", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2027-02,2,0,2,", lines[4], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public async Task Deliveries_and_sms_costs_are_counted_per_campaign_and_per_month()
    {
        using var site = new StudenkaSiteFactory();
        var residents = site.Services.GetRequiredService<SubscriptionService>();
        var butovice = site.PartId("Butovice");
        var mala = site.StreetId("Butovice", "Malá strana");
        site.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await SignUpAsync(site, residents, "603 300 001", butovice, mala, [2]);
        await SignUpAsync(site, residents, "603 300 002", butovice, mala, [5]);
        site.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero));
        // Two UCS-2 segments: 71–134 characters with a Czech letter.
        var december = await SendAsync(site, "Zítra od 8 do 12 hodin nepoteče voda v ulicích Malá strana a Butovická, omlouváme se.");
        site.Time.SetUtcNow(new DateTimeOffset(2027, 2, 3, 10, 0, 0, TimeSpan.Zero));
        var february = await SendAsync(site, "Voda opet tece.");
        using (var db = site.OpenDatabase())
        {
            // One February SMS reported delivered by MessageBird, the other undeliverable.
            db.Execute("UPDATE outbox SET delivery_status = 'delivered' WHERE id = (SELECT MIN(id) FROM outbox WHERE campaign_id = @february)", new { february });
            db.Execute("UPDATE outbox SET delivery_status = 'delivery_failed' WHERE id = (SELECT MAX(id) FROM outbox WHERE campaign_id = @february)", new { february });
        }

        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        var deliveries = await admin.GetFromJsonAsync<JsonElement>(Api + "/deliveries?from=2026-12&to=2027-02");
        var sms = await admin.GetFromJsonAsync<JsonElement>(Api + "/sms?from=2026-12&to=2027-02");

        var months = deliveries.GetProperty("byMonth").EnumerateArray().ToList();
        Assert.Equal((2, 0, 2), (Count(months[0], "accepted"), Count(months[0], "delivered"), Count(months[0], "total")));
        Assert.Equal(0, Count(months[1], "total"));
        Assert.Equal((0, 1, 1, 2), (Count(months[2], "accepted"), Count(months[2], "delivered"), Count(months[2], "failedDelivery"), Count(months[2], "total")));
        var campaigns = deliveries.GetProperty("byCampaign").EnumerateArray().ToList();
        Assert.Equal([february, december], campaigns.Select(c => c.GetProperty("campaignId").GetInt64()));
        Assert.Equal(2, Count(campaigns[1], "accepted"));
        var price = site.Services.GetRequiredService<IOptions<CampaignOptions>>().Value.PricePerSegmentCzk;
        var byMonth = sms.GetProperty("byMonth").EnumerateArray().ToList();
        Assert.Equal((2L, 4L, 4 * price), (byMonth[0].GetProperty("sms").GetInt64(), byMonth[0].GetProperty("segments").GetInt64(), byMonth[0].GetProperty("costCzk").GetDecimal()));
        Assert.Equal((0L, 0L), (byMonth[1].GetProperty("sms").GetInt64(), byMonth[1].GetProperty("segments").GetInt64()));
        Assert.Equal((2L, 2L, 2 * price), (byMonth[2].GetProperty("sms").GetInt64(), byMonth[2].GetProperty("segments").GetInt64(), byMonth[2].GetProperty("costCzk").GetDecimal()));
        var byCampaignCsv = await admin.GetStringAsync(Api + "/deliveries/export?by=campaign&from=2026-12&to=2027-02");
        Assert.Contains($"{december},2,", byCampaignCsv, StringComparison.Ordinal);

        // The price an administrator sets in Settings is the one the cost is counted at, at once.
        using (var put = await admin.SendJsonAsync(HttpMethod.Put, "/umbraco/sms/api/v1/settings/price", new { pricePerSegmentCzk = 1.25m }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, put.StatusCode);
        }

        var repriced = await admin.GetFromJsonAsync<JsonElement>(Api + "/sms?from=2026-12&to=2027-02");
        Assert.Equal(4 * 1.25m, repriced.GetProperty("byMonth")[0].GetProperty("costCzk").GetDecimal());
    }

    [Theory]
    [InlineData("/subscribers?from=2026-13", "from")]
    [InlineData("/subscribers?to=abc", "to")]
    [InlineData("/deliveries?from=2026-05&to=2026-01", "from")]
    [InlineData("/sms?from=2000-01&to=2026-01", "from")]
    [InlineData("/deliveries/export?by=street", "by")]
    public async Task A_bad_period_is_a_czech_400_naming_the_field(string query, string field)
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await admin.GetAsync(Api + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Dispatch_gets_a_czech_403_and_no_numbers()
    {
        using var site = new StudenkaSiteFactory();
        using var dispatch = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka");

        using var response = await dispatch.GetAsync(Api + "/subscribers");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nevidí statistiky", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_are_split_by_channel_and_only_the_sms_are_paid()
    {
        using var site = new StudenkaSiteFactory();
        var residents = site.Services.GetRequiredService<SubscriptionService>();
        var butovice = site.PartId("Butovice");
        var mala = site.StreetId("Butovice", "Malá strana");
        site.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var both = await SignUpAsync(site, residents, "603 300 011", butovice, mala, [2]);
        var emailOnly = await SignUpAsync(site, residents, "603 300 012", butovice, mala, [2]);
        await SignUpAsync(site, residents, "603 300 013", butovice, mala, [2]);
        using (var db = site.OpenDatabase())
        {
            // Two residents whose e-mail is confirmed: one takes package 2 by both channels, one by e-mail only.
            db.Execute("UPDATE subscribers SET email = 'sub' || id || '@example.cz', email_verified_at_ms = 1 WHERE id IN (@both, @emailOnly)", new { both, emailOnly });
            db.Execute("UPDATE subscriber_packages SET by_email = 1 WHERE subscriber_id IN (@both, @emailOnly)", new { both, emailOnly });
            db.Execute("UPDATE subscriber_packages SET by_sms = 0 WHERE subscriber_id = @emailOnly", new { emailOnly });
        }

        site.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero));
        var id = await SendAsync(site, "Zítra od 8 do 12 hodin nepoteče voda v ulicích Malá strana a Butovická, omlouváme se.");

        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        var deliveries = await admin.GetFromJsonAsync<JsonElement>(Api + "/deliveries?from=2026-12&to=2026-12");
        var sms = await admin.GetFromJsonAsync<JsonElement>(Api + "/sms?from=2026-12&to=2026-12");
        var month = deliveries.GetProperty("byMonth")[0];
        int Of(JsonElement item, string channel) => item.GetProperty(channel).GetProperty("total").GetInt32();
        Assert.Equal((4, 2, 2), (Of(month, "counts"), Of(month, "sms"), Of(month, "email")));
        var campaign = deliveries.GetProperty("byCampaign")[0];
        Assert.Equal((id, 2, 2), (campaign.GetProperty("campaignId").GetInt64(), Of(campaign, "sms"), campaign.GetProperty("email").GetProperty("accepted").GetInt32()));
        // Two SMS of two segments each are paid; the two e-mails cost nothing.
        Assert.Equal((2L, 4L), (sms.GetProperty("byMonth")[0].GetProperty("sms").GetInt64(), sms.GetProperty("byMonth")[0].GetProperty("segments").GetInt64()));
        var csv = (await admin.GetStringAsync(Api + "/deliveries/export?from=2026-12&to=2026-12")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",sms total,email delivered,email accepted,email failedDelivery,email failed,email unknown,email pending,email cancelled,email total", csv[0], StringComparison.Ordinal);
        Assert.EndsWith(",2,0,2,0,0,0,0,0,2", csv[1], StringComparison.Ordinal);
        // The campaign's progress names its e-mail part.
        var details = await admin.GetFromJsonAsync<JsonElement>($"{CampaignSite.CampaignsPath}/{id}");
        var email = details.GetProperty("delivery").GetProperty("email");
        Assert.Equal((4, 2, 2), (details.GetProperty("delivery").GetProperty("total").GetInt32(), email.GetProperty("total").GetInt32(), email.GetProperty("accepted").GetInt32()));
    }

    private static SubscriptionInput Input(string phone, long part, long street, int[] packages) =>
        new(phone, null, null, [new AddressInput(part, street, null)], packages, Consent: true);

    private static async Task<long> SignUpAsync(StudenkaSiteFactory site, SubscriptionService residents, string phone, long part, long street, int[] packages)
    {
        var ip = IPAddress.Parse($"198.51.100.{Interlocked.Increment(ref _ip)}");
        var signUp = await residents.SignUpAsync(Input(phone, part, street, packages), ip, CancellationToken.None);
        Assert.Equal(SignUpOutcome.CodeSent, signUp.Outcome);
        var confirmed = await residents.ConfirmSignupAsync(signUp.Attempt!, new ResidentClient(site).LatestCode(signUp.Attempt!.Phone), CancellationToken.None);
        Assert.True(confirmed.Succeeded);
        return confirmed.SubscriberId!.Value;
    }

    /// <summary>A package-2 campaign to the whole town, sent now and waited for until every SMS left.</summary>
    private static async Task<long> SendAsync(StudenkaSiteFactory site, string text)
    {
        // Signed in at this time of the fake clock: a token from months ago has expired.
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, $"spravce{site.Time.GetUtcNow().Month}");
        var id = await admin.CreateDraftAsync(new { packageId = 2, text });
        (await admin.PostAsync($"{CampaignSite.CampaignsPath}/{id}/send", null)).EnsureSuccessStatusCode();
        var runner = site.Services.GetRequiredService<DeliveryRunner>();
        for (var i = 0; i < 200; i++)
        {
            await runner.RunOnceAsync(CancellationToken.None);
            // E-mail has its own loop beside the pass (a background service the tests do not run).
            await site.Services.GetRequiredService<OutboxDispatcher>().DispatchEmailAsync(CancellationToken.None);
            var campaign = await admin.GetFromJsonAsync<JsonElement>($"{CampaignSite.CampaignsPath}/{id}");
            if (campaign.GetProperty("campaign").GetProperty("state").GetString() == "sent")
            {
                return id;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Campaign {id} was not sent.");
    }

    private static long[] Values(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    private static long[] Series(JsonElement stats, string property, long id) =>
        Values(stats.GetProperty(property).EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == id).GetProperty("values"));

    private static int Count(JsonElement item, string outcome) => item.GetProperty("counts").GetProperty(outcome).GetInt32();
}
