using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>What each role notices through the API under the Umbraco adapter: what it may send, and what it sees of residents.</summary>
public sealed class RoleBehaviourTests : IAsyncLifetime
{
    private const string Api = "/umbraco/sms/api/v1";

    private UmbracoAdapterHost _host = null!;

    public async Task InitializeAsync() => _host = await UmbracoAdapterHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> SentCampaignAsync(int package, params (string Phone, string Status)[] recipients)
    {
        var campaign = (await _host.Services.GetRequiredService<CampaignService>()
            .CreateAsync(new CampaignDraft(package, null, null, "Voda stoupá."), OperatorIdentity.System, CancellationToken.None)).Campaign!;
        using var connection = _host.OpenDatabase();
        connection.Execute("UPDATE campaigns SET state = 'sent' WHERE id = @id", new { id = campaign.Id });
        foreach (var (phone, status) in recipients)
        {
            var subscriber = connection.ExecuteScalar<long>("""
                INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms)
                VALUES (@phone, 'active', 'v1', 0, 0, 0) RETURNING id
                """, new { phone });
            connection.Execute("INSERT INTO subscriber_packages (subscriber_id, package_id) VALUES (@subscriber, @package)", new { subscriber, package });
            connection.Execute(
                "INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, updated_at_ms, error) VALUES (@id, @phone, @status, 0, 0, @error)",
                new { id = campaign.Id, phone, status, error = status == "failed" ? "invalid recipient" : null });
        }

        return campaign.Id;
    }

    [Theory]
    [InlineData(Caller.Administrator, "spravce", "Administrator", "Správce", new[] { 1, 2, 3, 4 }, true, true, true)]
    [InlineData(Caller.Editor, "redaktor", "Editor", "Redaktor", new[] { 2, 3, 4 }, false, false, false)]
    [InlineData(Caller.Dispatch, "hlidka", "Dispatch", "Dispečink", new[] { 1, 2 }, false, false, false)]
    public async Task Me_tells_the_ui_what_the_api_allows(Caller caller, string userName, string role, string roleName, int[] packages, bool personalData, bool export, bool administration)
    {
        using var client = _host.ClientFor(caller);

        var me = await client.GetFromJsonAsync<JsonElement>($"{Api}/me");

        Assert.Equal((userName, role, roleName), (me.GetProperty("userName").GetString(), me.GetProperty("role").GetString(), me.GetProperty("roleName").GetString()));
        Assert.Equal(packages, me.GetProperty("packages").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal((personalData, export, administration),
            (me.GetProperty("seesPersonalData").GetBoolean(), me.GetProperty("mayExport").GetBoolean(), me.GetProperty("administration").GetBoolean()));
    }

    [Fact]
    public async Task An_editor_cannot_create_preview_or_send_a_crisis_message_and_is_told_why_in_czech()
    {
        using var editor = _host.ClientFor(Caller.Editor);
        var crisis = await SentCampaignAsync(1);
        using (var connection = _host.OpenDatabase())
        {
            connection.Execute("UPDATE campaigns SET state = 'draft' WHERE id = @crisis", new { crisis });
        }

        using var create = await editor.PostAsJsonAsync($"{Api}/campaigns", new { packageId = 1, text = "Povodeň" });
        using var preview = await editor.PostAsJsonAsync($"{Api}/campaigns/preview", new { packageId = 1, text = "Povodeň" });
        using var send = await editor.PostAsync($"{Api}/campaigns/{crisis}/send", null);
        using var allowed = await editor.PostAsJsonAsync($"{Api}/campaigns", new { packageId = 3, text = "Zasedání zastupitelstva ve čtvrtek." });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { create.StatusCode, preview.StatusCode, send.StatusCode });
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType?.MediaType);
        var problem = await create.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Role Redaktor nesmí posílat zprávy balíčku 1; smí jen balíčky 2, 3, 4.", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        using var check = _host.OpenDatabase();
        Assert.Equal("draft", check.ExecuteScalar<string>("SELECT state FROM campaigns WHERE id = @crisis", new { crisis }));
    }

    [Fact]
    public async Task Dispatch_sends_packages_one_and_two_but_not_three()
    {
        using var dispatch = _host.ClientFor(Caller.Dispatch);

        var statuses = new List<HttpStatusCode>();
        foreach (var package in new[] { 1, 2, 3 })
        {
            using var response = await dispatch.PostAsJsonAsync($"{Api}/campaigns", new { packageId = package, text = "Uzavírka Nádražní.", schedule = new { sendAt = (string?)null } });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Forbidden], statuses);
    }

    [Fact]
    public async Task Dispatch_sees_who_failed_with_masked_numbers_the_administrator_in_full_and_the_editor_only_counts()
    {
        var id = await SentCampaignAsync(2, ("+420603123456", "accepted"), ("+420777654321", "failed"));
        using var dispatch = _host.ClientFor(Caller.Dispatch);
        using var admin = _host.ClientFor(Caller.Administrator);
        using var editor = _host.ClientFor(Caller.Editor);

        var masked = await dispatch.GetFromJsonAsync<JsonElement>($"{Api}/campaigns/{id}/recipients");
        var full = await admin.GetFromJsonAsync<JsonElement>($"{Api}/campaigns/{id}/recipients?status=failed");
        using var refused = await editor.GetAsync($"{Api}/campaigns/{id}/recipients");
        var counts = await editor.GetFromJsonAsync<JsonElement>($"{Api}/campaigns/{id}");

        Assert.Equal(["+420 603 *** 456", "+420 777 *** 321"], masked.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("phone").GetString()));
        Assert.DoesNotContain("603123456", masked.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((1, "+420777654321", "failed"), (full.GetProperty("total").GetInt32(), full.GetProperty("items")[0].GetProperty("phone").GetString(), full.GetProperty("items")[0].GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((2, 1, 1), (counts.GetProperty("delivery").GetProperty("total").GetInt32(), counts.GetProperty("delivery").GetProperty("accepted").GetInt32(), counts.GetProperty("delivery").GetProperty("failed").GetInt32()));
        Assert.DoesNotContain("+420", counts.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_administrator_may_download_the_recipients()
    {
        var id = await SentCampaignAsync(1, ("+420603123456", "accepted"), ("+420777654321", "failed"));
        using var dispatch = _host.ClientFor(Caller.Dispatch);
        using var admin = _host.ClientFor(Caller.Administrator);

        using var refused = await dispatch.GetAsync($"{Api}/campaigns/{id}/recipients/export");
        using var csv = await admin.GetAsync($"{Api}/campaigns/{id}/recipients/export");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Role Dispečink nesmí stahovat údaje občanů.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(("text/csv", "kampan-" + id + "-prijemci.csv"), (csv.Content.Headers.ContentType?.MediaType, csv.Content.Headers.ContentDisposition?.FileName));
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Phone,Status,UpdatedAt,Error,Channel", lines[0]);
        Assert.StartsWith("+420777654321,failed,", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",invalid recipient,sms", lines[2], StringComparison.Ordinal);
        // Residents' numbers left the system: the log says who took them (the refused try took nothing).
        var exports = (await _host.Services.GetRequiredService<AuditLog>().ReadAsync(50, CancellationToken.None)).Where(e => e.Action == "campaign.recipients-export").ToList();
        Assert.Equal(($"campaign:{id}", "2 příjemců"), (Assert.Single(exports).Subject, exports[0].Details));
    }

    [Fact]
    public async Task Crisis_templates_are_offered_to_those_who_may_send_them()
    {
        using var dispatch = _host.ClientFor(Caller.Dispatch);
        using var editor = _host.ClientFor(Caller.Editor);

        var forDispatch = await dispatch.GetFromJsonAsync<JsonElement>($"{Api}/templates");
        var forEditor = await editor.GetFromJsonAsync<JsonElement>($"{Api}/templates");

        Assert.Equal(["chemical-leak", "flood", "road-closure", "water-outage"], forDispatch.EnumerateArray().Select(t => t.GetProperty("key").GetString()));
        Assert.All(forDispatch.EnumerateArray(), t => Assert.Equal(1, t.GetProperty("package").GetInt32()));
        Assert.Contains("Povodeň", forDispatch.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(0, forEditor.GetArrayLength());
    }

    [Fact]
    public async Task Resend_to_failed_answers_201_with_the_new_campaign_and_409_the_second_time()
    {
        var id = await SentCampaignAsync(1, ("+420603123456", "accepted"), ("+420777654321", "failed"));
        using var dispatch = _host.ClientFor(Caller.Dispatch);

        using var first = await dispatch.PostAsync($"{Api}/campaigns/{id}/resend-failed", null);
        using var second = await dispatch.PostAsync($"{Api}/campaigns/{id}/resend-failed", null);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        var resend = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, "sending", 1), (resend.GetProperty("packageId").GetInt32(), resend.GetProperty("state").GetString(), resend.GetProperty("recipientCount").GetInt32()));
        Assert.EndsWith($"/campaigns/{resend.GetProperty("id").GetInt64()}", first.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("znovu poslala kampaň", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
