using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Site.IntegrationTests.Campaigns.CampaignSite;

namespace Studenka.Umbraco.Site.IntegrationTests.Campaigns;

/// <summary>
/// Issue 3's "done when": residents sign up on the web, an operator targets, previews and sends a
/// campaign, and the real delivery worker hands it to the sandbox gateway. Nothing here is stubbed.
/// </summary>
public sealed class CampaignEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Residents_of_the_targeted_street_with_the_package_receive_the_sms_once_and_nobody_else_does()
    {
        using var site = new StudenkaSiteFactory();
        var anna = await SignUpAsync(site, "603 100 001", "Butovice", "Malá strana", 2);
        var bedrich = await SignUpAsync(site, "603 100 002", "Butovice", "Malá strana", 5);
        await SignUpAsync(site, "603 100 003", "Studénka", "Požárnická", 5);
        await SignUpAsync(site, "603 100 004", "Butovice", "Malá strana", 4);
        await SignUpAsync(site, "603 100 005", "Butovice", "Butovická", 2);
        var sandboxBefore = LastSandboxId(site);
        using var dispatcher = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "dispecer1");
        var draft = new { packageId = 2, streetIds = new[] { site.StreetId("Butovice", "Malá strana") }, text = "Zítra 8–12 h nepoteče voda v ulici Malá strana." };

        var preview = await (await dispatcher.PostAsJsonAsync(CampaignsPath + "/preview", draft)).JsonAsync();
        using var created = await dispatcher.PostAsJsonAsync(CampaignsPath, draft);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt64();
        using var send = await dispatcher.PostAsync($"{CampaignsPath}/{id}/send", null);
        var details = await WaitUntilSettledAsync(site, dispatcher, id);

        var price = site.Services.GetRequiredService<IOptions<CampaignOptions>>().Value.PricePerSegmentCzk;
        Assert.Equal((2, "ucs2", 1, 2), (preview.GetProperty("recipients").GetInt32(), preview.GetProperty("encoding").GetString(),
            preview.GetProperty("segmentsPerSms").GetInt32(), preview.GetProperty("totalSegments").GetInt32()));
        Assert.Equal(2 * price, preview.GetProperty("estimatedCostCzk").GetDecimal());
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.StatusCode, send.StatusCode));
        Assert.Equal("sent", details.GetProperty("campaign").GetProperty("state").GetString());
        Assert.Equal([(anna, draft.text), (bedrich, draft.text)], SandboxSince(site, sandboxBefore));
        var delivery = details.GetProperty("delivery");
        Assert.Equal((2, 2, 0, 0), (delivery.GetProperty("total").GetInt32(), delivery.GetProperty("accepted").GetInt32(),
            delivery.GetProperty("pending").GetInt32(), delivery.GetProperty("failed").GetInt32()));
        Assert.Contains(await AuditAsync(site), e => e == ("Test Dispatch (dispecer1)", "campaign.send", $"campaign:{id}"));
    }

    [Fact]
    public async Task A_campaign_sent_at_half_past_ten_in_the_evening_waits_until_seven_and_then_goes_out()
    {
        using var site = new StudenkaSiteFactory();
        _ = site.Services; // starts the Site, which migrates and seeds the town's areas
        site.AddSubscriber("+420603200001", 3, site.PartId("Butovice"));
        site.Time.Advance(TimeSpan.FromHours(12.5)); // 22:30 in Studénka (UTC+1)
        // Package 3 (town council) is an Editor's: Dispatch may send only packages 1 and 2.
        using var evening = await site.CreateOperatorClientAsync(OperatorRole.Editor, "vecer");
        var id = await evening.CreateDraftAsync(new { packageId = 3, cityPartIds = new[] { site.PartId("Butovice") }, text = "Zítra se koná jarmark." });

        using var send = await evening.PostAsync($"{CampaignsPath}/{id}/send", null);
        using var again = await evening.PostAsync($"{CampaignsPath}/{id}/send", null);
        await RunDeliveryPassAsync(site);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (send.StatusCode, again.StatusCode));
        var waiting = await send.JsonAsync();
        Assert.Equal("scheduled", waiting.GetProperty("state").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.FromHours(1)), waiting.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal((0L, 0L), (site.Count("outbox"), site.Count("sandbox_sms")));

        site.Time.Advance(TimeSpan.FromHours(8.49)); // 06:59:24, still quiet
        await RunDeliveryPassAsync(site);
        Assert.Equal(("scheduled", 0L), (StateOf(site, id), site.Count("sandbox_sms")));

        site.Time.Advance(TimeSpan.FromMinutes(2));
        // The evening session has expired (8 h); the morning shift looks.
        using var morning = await site.CreateOperatorClientAsync(OperatorRole.Editor, "rano");
        var details = await WaitUntilSettledAsync(site, morning, id);

        Assert.Equal("sent", details.GetProperty("campaign").GetProperty("state").GetString());
        Assert.Equal([("+420603200001", "Zítra se koná jarmark.")], SandboxSince(site, 0));
    }

    [Fact]
    public async Task A_send_posted_from_another_website_is_refused_and_the_campaign_stays_a_draft()
    {
        using var site = new StudenkaSiteFactory();
        _ = site.Services; // starts the Site, which migrates and seeds the town's areas
        site.AddSubscriber("+420603300001", 2, site.PartId("Butovice"));
        using var dispatcher = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "dispecer2");
        var id = await dispatcher.CreateDraftAsync();

        using var forged = await dispatcher.SendJsonAsync(HttpMethod.Post, $"{CampaignsPath}/{id}/send", headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        await RunDeliveryPassAsync(site);
        var details = await dispatcher.GetFromJsonAsync<JsonElement>($"{CampaignsPath}/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("draft", details.GetProperty("campaign").GetProperty("state").GetString());
        Assert.Equal((0L, 0L), (site.Count("outbox"), site.Count("sandbox_sms")));
    }

    /// <summary>A resident signs up on the web form and confirms with the code the sandbox "sent"; returns the E.164 phone.</summary>
    private static async Task<string> SignUpAsync(StudenkaSiteFactory site, string phone, string part, string street, int package)
    {
        var e164 = "+420" + phone.Replace(" ", string.Empty, StringComparison.Ordinal);
        var resident = new ResidentClient(site);
        await resident.SignUpAndConfirmAsync(phone, e164, ResidentClient.SignUpForm(phone: phone, part: part, street: street, packages: [package], site: site));
        return e164;
    }

    /// <summary>
    /// One pass of the same runner the worker uses, awaited: a deterministic "the worker looked and
    /// sent nothing" without waiting for the background loop. Leases make a concurrent pass harmless.
    /// </summary>
    private static Task RunDeliveryPassAsync(StudenkaSiteFactory site) =>
        site.Services.GetRequiredService<DeliveryRunner>().RunOnceAsync(CancellationToken.None);

    /// <summary>Polls the campaign as the operator sees it until it leaves scheduled/sending, waking the worker each time.</summary>
    private static async Task<JsonElement> WaitUntilSettledAsync(StudenkaSiteFactory site, HttpClient client, long id)
    {
        var signal = site.Services.GetRequiredService<DeliverySignal>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var details = await client.GetFromJsonAsync<JsonElement>($"{CampaignsPath}/{id}");
            if (details.GetProperty("campaign").GetProperty("state").GetString() is not ("scheduled" or "sending") || clock.Elapsed > Patience)
            {
                return details;
            }

            // A wake-up consumed by a pass that had already looked is lost; asking again is harmless.
            signal.Wake();
            await Task.Delay(50);
        }
    }

    private static string StateOf(StudenkaSiteFactory site, long id)
    {
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<string>("SELECT state FROM campaigns WHERE id = @id", new { id })!;
    }

    private static long LastSandboxId(StudenkaSiteFactory site)
    {
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COALESCE(MAX(id), 0) FROM sandbox_sms");
    }

    /// <summary>What the sandbox "sent" after <paramref name="afterId"/> (sign-up codes come before), by recipient.</summary>
    private static List<(string Recipient, string Body)> SandboxSince(StudenkaSiteFactory site, long afterId)
    {
        using var db = site.OpenDatabase();
        return db.Query<(string, string)>("SELECT recipient, body FROM sandbox_sms WHERE id > @afterId ORDER BY recipient, id", new { afterId }).ToList();
    }

    /// <summary>The audit log as an administrator reads it over the API.</summary>
    private static async Task<List<(string? Actor, string? Action, string? Subject)>> AuditAsync(StudenkaSiteFactory site)
    {
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var entries = await admin.GetFromJsonAsync<JsonElement>(Api + "/audit");
        return entries.EnumerateArray()
            .Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString(), e.GetProperty("subject").GetString()))
            .ToList();
    }
}
