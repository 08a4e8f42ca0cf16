using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Settings;

/// <summary>
/// The Settings view's API on the Site (both engines): each setting is validated with Czech field
/// messages, stored and audited (old → new), and counts at once — the campaign preview, the
/// templates, the privacy page and the senders allowed follow without a restart.
/// </summary>
public sealed class SettingsApiTests : IDisposable
{
    private const string Api = "/umbraco/sms/api/v1";
    private readonly StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    public static TheoryData<string, string, string> BadValues { get; } = new()
    {
        { "quiet-hours", """{"quietHours":[{"packageId":2,"start":"9:00 pm","end":"07:00"}]}""", "quietHours[0].start" },
        { "quiet-hours", """{"quietHours":[{"packageId":1,"start":"21:00","end":"07:00"}]}""", "quietHours[0].packageId" },
        { "price", """{"pricePerSegmentCzk":-1}""", "pricePerSegmentCzk" },
        { "originators", """{"dispatch":["Městská policie"]}""", "dispatch[0]" },
        { "templates", """{"templates":[{"key":"povoden","name":"","package":1,"text":"x"}]}""", "templates[0].name" },
        { "privacy", """{"controllerName":"Město Studénka","controllerIco":"123","controllerAddress":"nám. Republiky 762","contactEmail":"podatelna@studenka.cz","smsProcessor":"MessageBird","emailPurpose":"Účel"}""", "controllerIco" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_400_with_a_czech_message_for_its_field_and_nothing_is_stored(string setting, string json, string field)
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await admin.PutAsync($"{Api}/settings/{setting}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Nastavení nebylo uloženo: opravte chyby.", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty(field)[0].GetString()));
        using var db = _site.OpenDatabase();
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM runtime_settings"));
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'settings.%'"));
    }

    [Fact]
    public async Task New_quiet_hours_and_price_show_in_the_next_campaign_preview_at_once_and_are_audited()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        var draft = new { packageId = 2, text = "Odstávka vody v ulici Nádražní." };
        var before = await (await admin.PostJsonAsync($"{Api}/campaigns/preview", draft)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(before.GetProperty("quietHoursApply").GetBoolean());

        // The test clock says 10:00 in Studénka: inside 09:00–12:00, so the message would wait until 12:00 (11:00 UTC).
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/quiet-hours",
            new { quietHours = new[] { new { packageId = 2, start = "09:00", end = "12:00" } } })).StatusCode);
        var after = await (await admin.PostJsonAsync($"{Api}/campaigns/preview", draft)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(after.GetProperty("quietHoursApply").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), after.GetProperty("dueAt").GetDateTimeOffset());
        using var db = _site.OpenDatabase();
        var audit = db.QuerySingle<(string Actor, string Subject, string Details)>("SELECT actor, subject, details FROM audit_log WHERE action = 'settings.changed'");
        Assert.StartsWith("Test Administrator", audit.Actor, StringComparison.Ordinal);
        Assert.Equal("quiet-hours", audit.Subject);
        Assert.EndsWith("""→ [{"packageId":2,"start":"09:00","end":"12:00"}]""", audit.Details, StringComparison.Ordinal);

        var view = await admin.GetFromJsonAsync<JsonElement>($"{Api}/settings");
        Assert.Equal("Test Administrator", view.GetProperty("quietHours").GetProperty("changedBy").GetString());
        Assert.Equal(3, view.GetProperty("quietHours").GetProperty("default").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("pricePerSegmentCzk").GetProperty("changedAt").ValueKind);

        // Back to the configuration: the preview goes now again.
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"{Api}/settings/quiet-hours")).StatusCode);
        Assert.False((await (await admin.PostJsonAsync($"{Api}/campaigns/preview", draft)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quietHoursApply").GetBoolean());
        Assert.Equal(1L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.reset' AND subject = 'quiet-hours'"));
    }

    [Fact]
    public async Task A_new_price_per_segment_is_the_previews_cost_at_once()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/price", new { pricePerSegmentCzk = 1.5m })).StatusCode);
        await new ResidentClient(_site).SignUpAndConfirmAsync();

        var preview = await (await admin.PostJsonAsync($"{Api}/campaigns/preview", new { packageId = 1, text = "Povodeň" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, preview.GetProperty("recipients").GetInt32());
        Assert.Equal(1.5m, preview.GetProperty("estimatedCostCzk").GetDecimal());
    }

    [Fact]
    public async Task New_templates_are_what_compose_offers_each_role()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var templates = new[]
        {
            new { key = "vichrice", name = "Vichřice", package = 1, text = "VICHŘICE: zůstaňte doma. Město Studénka" },
            new { key = "svoz", name = "Svoz odpadu", package = 2, text = "Svoz odpadu v ulici [ulice] se posouvá na [den]." },
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/templates", new { templates })).StatusCode);

        var forAdmin = await admin.GetFromJsonAsync<JsonElement>($"{Api}/templates");
        var forEditor = await editor.GetFromJsonAsync<JsonElement>($"{Api}/templates");

        Assert.Equal(["vichrice", "svoz"], forAdmin.EnumerateArray().Select(t => t.GetProperty("key").GetString()));
        Assert.Equal(["svoz"], forEditor.EnumerateArray().Select(t => t.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task The_privacy_page_shows_the_new_texts_at_once()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var privacy = new
        {
            controllerName = "Město Nová Studénka",
            controllerIco = "00298468",
            controllerAddress = "nám. Republiky 762, 742 13 Studénka",
            contactEmail = "gdpr@studenka.cz",
            dpoName = "Mgr. Petr Pověřenec",
            smsProcessor = "MessageBird B.V.",
            emailPurpose = "E-mail použijeme jen kvůli vašemu odběru.",
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/privacy", privacy)).StatusCode);

        var page = await _site.CreateClient().GetStringAsync("/sms/ochrana-udaju");

        Assert.Contains("Město Nová Studénka", page, StringComparison.Ordinal);
        Assert.Contains("gdpr@studenka.cz", page, StringComparison.Ordinal);
        Assert.Contains("Mgr. Petr Pověřenec", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_limited_to_listed_senders_gets_400_for_another()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var dispatch = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/originators", new { dispatch = new[] { "MP Studenka" } })).StatusCode);

        using var refused = await dispatch.PostJsonAsync($"{Api}/campaigns", new { packageId = 1, text = "Povodeň", originator = "Hasici" });
        using var allowed = await dispatch.PostJsonAsync($"{Api}/campaigns", new { packageId = 1, text = "Povodeň", originator = "MP Studenka" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("smí posílat jen pod odesílatelem: Studenka, MP Studenka", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task Compose_offers_each_role_the_senders_it_may_use_the_default_first()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var dispatch = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch);
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        async Task<string[]> SendersAsync(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"{Api}/me")).GetProperty("senders").EnumerateArray().Select(s => s.GetString()!)];
        Assert.Equal(["Studenka"], await SendersAsync(dispatch));

        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/originators", new { dispatch = new[] { "MP Studenka" }, editor = new[] { "Studenka" } })).StatusCode);

        Assert.Equal(["Studenka", "MP Studenka"], await SendersAsync(dispatch));
        // An editor limited to the default has no choice; an administrator (no list: any valid sender) gets every listed one.
        Assert.Equal(["Studenka"], await SendersAsync(editor));
        Assert.Equal(["Studenka", "MP Studenka"], await SendersAsync(admin));
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Editors_and_dispatch_neither_read_nor_change_settings(OperatorRole role)
    {
        using var client = await _site.CreateOperatorClientAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Put, $"{Api}/settings/price", new { pricePerSegmentCzk = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"{Api}/settings/price")).StatusCode);
        using var db = _site.OpenDatabase();
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM runtime_settings"));
    }
}
