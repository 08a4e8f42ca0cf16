using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Editors;

/// <summary>The document's "SMS" view API: a page's campaigns with delivery and reminders, and "send now" (on the engine of STUDENKA_TEST_ENGINE).</summary>
public sealed class ContentSmsApiTests
{
    private static string Path(Guid page, string suffix) => $"/umbraco/sms/api/v1/content/{page}/{suffix}";

    [Fact]
    public async Task An_editor_sees_the_page_campaign_with_its_delivery_and_sends_the_draft_now()
    {
        using var site = new StudenkaSiteFactory();
        var (page, campaign) = await PageCampaigns.AnnouncedAsync(site.Services);
        using var editor = await site.CreateOperatorClientAsync(OperatorRole.Editor, "editorka");

        var view = await editor.GetFromJsonAsync<JsonElement>(Path(page, "campaigns"));

        var listed = Assert.Single(view.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(campaign.Id, listed.GetProperty("id").GetInt64());
        Assert.Equal("draft", listed.GetProperty("state").GetString());
        Assert.Equal(0, listed.GetProperty("delivery").GetProperty("total").GetInt32());
        var announcement = Assert.Single(view.GetProperty("announcements").EnumerateArray());
        Assert.Equal("Jana Nováková (jnovakova)", announcement.GetProperty("publishedBy").GetString());
        // The Site runs the Quartz reminders; this page asked for none.
        Assert.True(view.GetProperty("remindersAvailable").GetBoolean());
        Assert.Empty(view.GetProperty("reminders").EnumerateArray());

        using var sent = await editor.PostAsync(Path(page, "send-now"), null);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("scheduled", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var after = await editor.GetFromJsonAsync<JsonElement>(Path(page, "campaigns"));
        // The delivery worker may have taken it already (nobody subscribes here, so it is sent at once).
        Assert.Contains(after.GetProperty("campaigns")[0].GetProperty("state").GetString(), new[] { "scheduled", "sending", "sent" });
    }

    [Fact]
    public async Task Dispatch_may_look_but_not_send_a_page_sms()
    {
        using var site = new StudenkaSiteFactory();
        var (page, _) = await PageCampaigns.AnnouncedAsync(site.Services, packageId: 2);
        using var dispatch = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka");

        using var look = await dispatch.GetAsync(Path(page, "campaigns"));
        using var send = await dispatch.PostAsync(Path(page, "send-now"), null);

        Assert.Equal(HttpStatusCode.OK, look.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        Assert.Equal(PageSmsView.DispatchRefusal, (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_page_without_sms_is_an_empty_view_and_a_czech_404_on_send_now()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var page = Guid.NewGuid();

        var view = await admin.GetFromJsonAsync<JsonElement>(Path(page, "campaigns"));
        using var send = await admin.PostAsync(Path(page, "send-now"), null);

        Assert.Empty(view.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(PageSmsView.NoSms, (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_page_whose_sms_went_already_has_nothing_to_send_now()
    {
        using var site = new StudenkaSiteFactory();
        var (page, campaign) = await PageCampaigns.AnnouncedAsync(site.Services);
        using (var db = site.OpenDatabase())
        {
            await db.ExecuteAsync("UPDATE campaigns SET state = 'sent' WHERE id = @id", new { id = campaign.Id });
        }

        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var send = await admin.PostAsync(Path(page, "send-now"), null);

        Assert.Equal(HttpStatusCode.Conflict, send.StatusCode);
        Assert.Equal(PageSmsView.NothingWaiting, (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_key_that_is_no_guid_is_not_an_endpoint()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await admin.GetAsync("/umbraco/sms/api/v1/content/koncert/campaigns");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
