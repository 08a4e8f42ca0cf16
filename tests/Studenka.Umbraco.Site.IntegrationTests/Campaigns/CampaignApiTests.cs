using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Site.IntegrationTests.Campaigns.CampaignSite;

namespace Studenka.Umbraco.Site.IntegrationTests.Campaigns;

/// <summary>An operator composes, counts, creates, sends and cancels campaigns over HTTP, as the dashboard and curl do.</summary>
public sealed class CampaignApiTests
{
    [Fact]
    public async Task An_operator_previews_creates_and_sends_a_campaign_which_is_handed_to_the_worker_at_once()
    {
        // The worker is off so the campaign stays where this API leaves it; the delivery tests take it from there.
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false" });
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka1");
        var butovice = site.PartId("Butovice");
        site.AddSubscriber("+420601000001", 2, butovice);
        site.AddSubscriber("+420601000002", 5, butovice);
        site.AddSubscriber("+420601000003", 2, site.PartId("Studénka"));
        var draft = new { packageId = 2, cityPartIds = new[] { butovice }, text = "Zítra 8–12 h nepoteče voda v Butovicích.", diacritics = "transliterate" };

        using var preview = await client.PostAsJsonAsync(CampaignsPath + "/preview", draft);
        var counted = await preview.JsonAsync();
        using var created = await client.PostAsJsonAsync(CampaignsPath, draft);
        var campaign = await created.JsonAsync();
        using var send = await client.PostAsync(created.Headers.Location + "/send", null);
        using var details = await client.GetAsync(created.Headers.Location);
        var stored = await details.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal((2, "gsm7", 1, 2), (counted.GetProperty("recipients").GetInt32(), counted.GetProperty("encoding").GetString(),
            counted.GetProperty("segmentsPerSms").GetInt32(), counted.GetProperty("totalSegments").GetInt32()));
        Assert.Equal("Zitra 8-12 h nepotece voda v Butovicich.", counted.GetProperty("sentText").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{CampaignsPath}/{campaign.GetProperty("id").GetInt64()}", created.Headers.Location?.AbsolutePath);
        Assert.Equal("draft", campaign.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        Assert.Equal("scheduled", stored.GetProperty("campaign").GetProperty("state").GetString());
        Assert.Equal(site.Time.GetUtcNow(), stored.GetProperty("campaign").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("Test Dispatch (hlidka1)", stored.GetProperty("campaign").GetProperty("createdBy").GetString());
        Assert.Equal(0, stored.GetProperty("delivery").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_campaign_may_name_its_own_sender_and_without_one_the_configured_sender_is_shown()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false" });
        using var client = await site.CreateOperatorClientAsync();
        var police = new { packageId = 2, text = "Uzavírka Nádražní dnes 10–12 h.", originator = "MP Studenka" };
        var town = new { packageId = 2, text = "Uzavírka Nádražní dnes 10–12 h." };

        var policePreview = await (await client.PostAsJsonAsync(CampaignsPath + "/preview", police)).JsonAsync();
        var townPreview = await (await client.PostAsJsonAsync(CampaignsPath + "/preview", town)).JsonAsync();
        using var created = await client.PostAsJsonAsync(CampaignsPath, police);
        using var createdTown = await client.PostAsJsonAsync(CampaignsPath, town);
        var stored = (await (await client.GetAsync(created.Headers.Location)).JsonAsync()).GetProperty("campaign");
        var storedTown = (await (await client.GetAsync(createdTown.Headers.Location)).JsonAsync()).GetProperty("campaign");

        Assert.Equal("MP Studenka", policePreview.GetProperty("originator").GetString());
        Assert.Equal("Studenka", townPreview.GetProperty("originator").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("MP Studenka", stored.GetProperty("originator").GetString());
        Assert.Equal(JsonValueKind.Null, storedTown.GetProperty("originator").ValueKind);
    }

    [Fact]
    public async Task A_campaign_scheduled_for_tonight_waits_for_the_morning_and_is_listed_newest_first()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();
        var first = await client.CreateDraftAsync();
        var second = await client.CreateDraftAsync();

        // 22:30 in Studénka (UTC+1).
        using var schedule = await client.PostAsJsonAsync($"{CampaignsPath}/{first}/schedule", new { sendAt = "2026-11-27T22:30:00+01:00" });
        var list = await client.GetFromJsonAsync<JsonElement>(CampaignsPath);
        var scheduled = await client.GetFromJsonAsync<JsonElement>(CampaignsPath + "?state=scheduled");

        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.FromHours(1)), (await schedule.JsonAsync()).GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal([second, first], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal([first], scheduled.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Sending_twice_is_a_conflict_with_a_Czech_reason()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();
        var id = await client.CreateDraftAsync();

        using var first = await client.PostAsync($"{CampaignsPath}/{id}/send", null);
        using var second = await client.PostAsync($"{CampaignsPath}/{id}/send", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.Contains("podruhé ji poslat nelze", (await second.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_sent_campaign_is_a_conflict_with_the_reason_and_changes_nothing()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();
        var id = await client.CreateDraftAsync();
        site.SetState(id, "sent");

        using var cancel = await client.PostAsJsonAsync($"{CampaignsPath}/{id}/cancel", new { reason = "omyl" });
        var stored = await client.GetFromJsonAsync<JsonElement>($"{CampaignsPath}/{id}");

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("Kampaň už byla odeslána; zrušit ji nelze.", (await cancel.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("sent", stored.GetProperty("campaign").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_draft_can_be_cancelled_with_a_reason_and_without_a_body()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();
        var withReason = await client.CreateDraftAsync();
        var withoutBody = await client.CreateDraftAsync();

        using var first = await client.PostAsJsonAsync($"{CampaignsPath}/{withReason}/cancel", new { reason = "Voda teče." });
        using var second = await client.PostAsync($"{CampaignsPath}/{withoutBody}/cancel", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal("Voda teče.", (await first.JsonAsync()).GetProperty("failureReason").GetString());
        Assert.Equal("cancelled", (await second.JsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Send_and_cancel_over_HTTP_appear_in_the_audit_log_under_the_signed_in_operator()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false" });
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "starosta");
        var id = await client.CreateDraftAsync();

        using var send = await client.PostAsync($"{CampaignsPath}/{id}/send", null);
        using var cancel = await client.PostAsJsonAsync($"{CampaignsPath}/{id}/cancel", new { reason = "Chybný text" });
        var audit = await client.GetFromJsonAsync<JsonElement>(Api + "/audit");

        var entries = audit.EnumerateArray()
            .Where(e => e.GetProperty("subject").GetString() == $"campaign:{id}")
            .Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString()))
            .ToList();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (send.StatusCode, cancel.StatusCode));
        Assert.Equal([("Test Administrator (starosta)", "campaign.cancel"), ("Test Administrator (starosta)", "campaign.send"), ("Test Administrator (starosta)", "campaign.create")], entries);
    }

    [Theory]
    [InlineData("GET", "/campaigns/999")]
    [InlineData("POST", "/campaigns/999/send")]
    [InlineData("POST", "/campaigns/999/cancel")]
    [InlineData("POST", "/campaigns/999/schedule")]
    public async Task An_unknown_campaign_is_404_with_a_Czech_message(string method, string path)
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        object? body = method != "POST" ? null : path.EndsWith("/cancel", StringComparison.Ordinal) ? new { reason = "Omyl" } : new { sendAt = "2026-12-01T10:00:00+01:00" };
        using var response = await client.SendJsonAsync(new HttpMethod(method), Api + path, body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Kampaň s tímto číslem neexistuje.", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_pickers_get_city_parts_with_streets_and_packages_with_five_marked_as_not_for_messages()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        var areas = await client.GetFromJsonAsync<JsonElement>(Api + "/areas");
        var packages = await client.GetFromJsonAsync<JsonElement>(Api + "/packages");

        var parts = areas.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("streets").GetArrayLength());
        Assert.Equal(["Butovice", "Nová Horka", "Studénka"], parts.Keys);
        Assert.Equal(0, parts["Nová Horka"]);
        Assert.True(parts["Butovice"] > 0);
        Assert.Equal([1, 2, 3, 4], packages.EnumerateArray().Where(p => p.GetProperty("forMessages").GetBoolean()).Select(p => p.GetProperty("id").GetInt32()));
    }

    [Theory]
    [InlineData("POST", "/campaigns/preview")]
    [InlineData("POST", "/campaigns")]
    [InlineData("GET", "/campaigns")]
    [InlineData("GET", "/campaigns/{id}")]
    [InlineData("POST", "/campaigns/{id}/schedule")]
    [InlineData("POST", "/campaigns/{id}/send")]
    [InlineData("POST", "/campaigns/{id}/cancel")]
    [InlineData("GET", "/areas")]
    [InlineData("GET", "/packages")]
    public async Task Anonymous_calls_get_401_and_change_nothing(string method, string path)
    {
        using var site = new StudenkaSiteFactory();
        using var operatorClient = await site.CreateOperatorClientAsync();
        var id = await operatorClient.CreateDraftAsync();

        using var anonymous = site.CreateAnonymousClient();
        using var response = await anonymous.SendJsonAsync(new HttpMethod(method), Api + path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            method == "POST" ? new { packageId = 2, text = "x", sendAt = "2026-12-01T10:00:00+01:00" } : null);
        var stored = await operatorClient.GetFromJsonAsync<JsonElement>($"{CampaignsPath}/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, site.Count("campaigns"));
        Assert.Equal("draft", stored.GetProperty("campaign").GetProperty("state").GetString());
    }
}
