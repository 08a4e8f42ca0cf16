using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Content;

/// <summary>
/// Publishing a Site page goes Core's way (ContentPublishedNotification through Core's EventAggregator)
/// into the package's handlers: a campaign for the page's package and areas, named after the signed-in
/// editor, its reminders in Quartz; idempotent, replaced on change, cancelled on unpublish and trash.
/// On the engine of STUDENKA_TEST_ENGINE.
/// </summary>
public sealed class SitePagesPublishTests : IDisposable
{
    private StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    /// <summary>
    /// Nobody subscribes in these sites, so a scheduled campaign is "sent" at once; publishing into drafts
    /// (<c>Studenka:Editors:CreateAs</c>) keeps the campaign unsent for the tests of what cancels it.
    /// </summary>
    private void UnsentCampaigns()
    {
        _site.Dispose();
        _site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Editors:CreateAs"] = "draft" });
    }

    [Fact]
    public async Task An_editor_publishes_an_event_and_its_campaign_goes_to_package_4_in_that_city_part_named_after_the_editor()
    {
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor, "redaktorka");
        var page = await editor.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id));
        Assert.Equal("draft", page.GetProperty("state").GetString());
        Assert.Empty((await editor.SmsViewAsync(page.Key())).GetProperty("campaigns").EnumerateArray());

        var published = await editor.ActAsync(page.Key(), "publish");

        Assert.Equal("published", published.GetProperty("state").GetString());
        Assert.False(published.GetProperty("hasUnpublishedChanges").GetBoolean());
        Assert.Equal("https://localhost/akce/adventni-koncert", published.GetProperty("url").GetString());
        Assert.Equal("Test Editor (redaktorka)", published.GetProperty("publishedBy").GetString());
        var view = await editor.SmsViewAsync(page.Key());
        var campaign = Assert.Single(view.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(4, campaign.GetProperty("packageId").GetInt32());
        Assert.Equal([butovice.Part.Id], campaign.GetProperty("cityPartIds").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Empty(campaign.GetProperty("streetIds").EnumerateArray());
        Assert.Contains("Test Editor (redaktorka)", campaign.GetProperty("createdBy").GetString());
        Assert.Contains("Adventní koncert", campaign.GetProperty("text").GetString());
        Assert.Contains("https://localhost/akce/adventni-koncert", campaign.GetProperty("text").GetString());
        // Package 4's default reminders: the day before at 09:00 and 2 hours before, in Quartz.
        var reminders = view.GetProperty("reminders").EnumerateArray().Select(r => r.GetProperty("fireAt").GetDateTimeOffset()).Order().ToList();
        Assert.Equal([new DateTimeOffset(2026, 12, 11, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 12, 15, 0, 0, TimeSpan.Zero)], reminders.Select(r => r.ToUniversalTime()));
        Assert.Equal("Test Editor (redaktorka)", Assert.Single(view.GetProperty("announcements").EnumerateArray()).GetProperty("publishedBy").GetString());
    }

    [Fact]
    public async Task Re_publishing_unchanged_creates_nothing_and_a_change_replaces_the_unsent_campaign()
    {
        UnsentCampaigns();
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var key = (await editor.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id))).Key();
        await editor.ActAsync(key, "publish");
        var first = Assert.Single((await editor.SmsViewAsync(key)).GetProperty("campaigns").EnumerateArray()).GetProperty("id").GetInt64();

        await editor.ActAsync(key, "publish");
        Assert.Single((await editor.SmsViewAsync(key)).GetProperty("campaigns").EnumerateArray());

        using var saved = await editor.SendJsonAsync(HttpMethod.Put, $"{SitePagesClient.Api}/{key}", SitePagesClient.Concert(butovice.Part.Id, place: "sokolovna"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hasUnpublishedChanges").GetBoolean());
        await editor.ActAsync(key, "publish");

        var campaigns = (await editor.SmsViewAsync(key)).GetProperty("campaigns").EnumerateArray().ToList();
        Assert.Equal(2, campaigns.Count);
        Assert.Equal("cancelled", campaigns.Single(c => c.GetProperty("id").GetInt64() == first).GetProperty("state").GetString());
        var replacement = campaigns.Single(c => c.GetProperty("id").GetInt64() != first);
        Assert.NotEqual("cancelled", replacement.GetProperty("state").GetString());
        Assert.Contains("sokolovna", replacement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Unpublishing_cancels_the_unsent_campaign_and_the_reminders()
    {
        UnsentCampaigns();
        var butovice = await _site.PartAsync();
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        var key = (await admin.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id))).Key();
        await admin.ActAsync(key, "publish");

        var unpublished = await admin.ActAsync(key, "unpublish");

        Assert.Equal("unpublished", unpublished.GetProperty("state").GetString());
        Assert.Null(unpublished.GetProperty("url").GetString());
        var view = await admin.SmsViewAsync(key);
        Assert.Equal("cancelled", Assert.Single(view.GetProperty("campaigns").EnumerateArray()).GetProperty("state").GetString());
        Assert.All(view.GetProperty("reminders").EnumerateArray(), r => Assert.NotEqual("scheduled", r.GetProperty("state").GetString()));
        Assert.Equal(["page.published", "page.unpublished"], AuditActions(key));
    }

    [Fact]
    public async Task A_trashed_page_cancels_its_sms_and_is_gone_from_the_api_and_the_public_site()
    {
        UnsentCampaigns();
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var key = (await editor.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id))).Key();
        await editor.ActAsync(key, "publish");
        using var visitor = _site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/akce/adventni-koncert")).StatusCode);

        using var trashed = await editor.DeleteAsync($"{SitePagesClient.Api}/{key}");

        Assert.Equal(HttpStatusCode.NoContent, trashed.StatusCode);
        using var page = await visitor.GetAsync("/akce/adventni-koncert");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Stránka nebyla nalezena", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Adventní koncert", await visitor.GetStringAsync("/akce"));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"{SitePagesClient.Api}/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostAsync($"{SitePagesClient.Api}/{key}/publish", null)).StatusCode);
        Assert.DoesNotContain((await editor.GetFromJsonAsync<JsonElement>(SitePagesClient.Api)).EnumerateArray(), p => p.Key() == key);
        Assert.Equal("cancelled", Assert.Single((await editor.SmsViewAsync(key)).GetProperty("campaigns").EnumerateArray()).GetProperty("state").GetString());
        Assert.Equal(["page.published", "page.trashed"], AuditActions(key));
    }

    [Fact]
    public async Task A_news_page_without_sms_publishes_and_makes_no_campaign()
    {
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var key = (await editor.CreatedAsync(new { documentType = "newsPage", title = "Nová lávka přes Odru", body = "Lávka je otevřená.", smsEnabled = false })).Key();

        var published = await editor.ActAsync(key, "publish");

        Assert.Equal("https://localhost/aktuality/nova-lavka-pres-odru", published.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, published.GetProperty("eventStart").ValueKind);
        Assert.Empty((await editor.SmsViewAsync(key)).GetProperty("campaigns").EnumerateArray());
    }

    private string[] AuditActions(Guid key)
    {
        using var db = _site.OpenDatabase();
        return [.. db.Query<string>("SELECT action FROM audit_log WHERE subject = @subject ORDER BY id", new { subject = $"page:{key}" })];
    }
}
