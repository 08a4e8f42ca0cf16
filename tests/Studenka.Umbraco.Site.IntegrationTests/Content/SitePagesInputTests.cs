using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Content;

/// <summary>Who may edit the Site's pages, and what a bad request gets: a Czech 400 per field, 403, 404; never a 500, nothing stored.</summary>
public sealed class SitePagesInputTests : IDisposable
{
    private readonly StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private long StoredPages()
    {
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM site_pages");
    }

    [Fact]
    public async Task Dispatch_gets_403_and_cannot_see_the_content_section()
    {
        var butovice = await _site.PartAsync();
        using var dispatch = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch);
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);

        using var list = await dispatch.GetAsync(SitePagesClient.Api);
        using var create = await dispatch.PostJsonAsync(SitePagesClient.Api, SitePagesClient.Concert(butovice.Part.Id, packageId: 2));

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(0, StoredPages());
        var sections = async (HttpClient c) => (await c.GetFromJsonAsync<JsonElement>(OperatorClient.CurrentUserPath)).GetProperty("allowedSections").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(["Studenka.Notifications.Section"], await sections(dispatch));
        Assert.Equal(["Studenka.Notifications.Section", "Studenka.Site.Section.Content"], await sections(editor));
    }

    [Fact]
    public async Task An_editor_may_not_announce_package_1_and_nothing_is_stored()
    {
        var butovice = await _site.PartAsync();
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);

        using var response = await editor.PostJsonAsync(SitePagesClient.Api, SitePagesClient.Concert(butovice.Part.Id, packageId: 1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperatorPermissions.For(OperatorRole.Editor).PackageRefusal(1), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, StoredPages());
    }

    [Fact]
    public async Task An_editor_may_not_publish_a_draft_an_administrator_aimed_at_package_1()
    {
        var butovice = await _site.PartAsync();
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var key = (await admin.CreatedAsync(SitePagesClient.Concert(butovice.Part.Id, packageId: 1))).Key();

        using var publish = await editor.PostAsync($"{SitePagesClient.Api}/{key}/publish", null);

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal("draft", (await admin.GetFromJsonAsync<JsonElement>($"{SitePagesClient.Api}/{key}")).GetProperty("state").GetString());
    }

    public static TheoryData<string, string> BadPages => new()
    {
        { """{"documentType":"eventPage","title":"","eventStart":"2026-12-12T18:00"}""", "title" },
        { $$"""{"documentType":"eventPage","title":"{{new string('x', 201)}}","eventStart":"2026-12-12T18:00"}""", "title" },
        { """{"documentType":"eventPage","title":"Koncert"}""", "eventStart" },
        { """{"documentType":"eventPage","title":"Koncert","eventStart":"12. 12. 2026"}""", "eventStart" },
        { """{"documentType":"blogPost","title":"Koncert"}""", "documentType" },
        { """{"documentType":"newsPage","title":"Koncert","smsEnabled":true,"packageId":5}""", "packageId" },
        { """{"documentType":"newsPage","title":"Koncert","smsEnabled":true}""", "packageId" },
        { """{"documentType":"newsPage","title":"Koncert","cityPartIds":[999999]}""", "cityPartIds" },
        { """{"documentType":"newsPage","title":"Koncert","streetIds":[999999]}""", "streetIds" },
        { """{"documentType":"eventPage","title":"Koncert","eventStart":"2026-12-12T18:00","reminders":"zítra ráno"}""", "reminders" },
    };

    [Theory]
    [MemberData(nameof(BadPages))]
    public async Task A_bad_value_is_a_czech_400_for_its_field_and_nothing_is_stored(string json, string field)
    {
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);

        using var response = await editor.PostAsync(SitePagesClient.Api, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
        Assert.Matches("[áčďéěíňóřšťúůýž]", message);
        Assert.Equal(0, StoredPages());
    }

    [Theory]
    [InlineData("{\"documentType\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"documentType\":\"eventPage\",\"title\":\"Koncert\",\"packageId\":\"čtyři\"}")]
    [InlineData("{\"documentType\":\"eventPage\",\"title\":\"Koncert\",\"cityPartIds\":\"Butovice\"}")]
    [InlineData("{\"documentType\":\"eventPage\",\"title\":\"Koncert\",\"smsEnabled\":\"ano\"}")]
    // A misspelt field must not be ignored silently (the page would publish without what the editor meant), as in the other endpoints.
    [InlineData("{\"documentType\":\"eventPage\",\"title\":\"Koncert\",\"smsEnabeld\":true}")]
    public async Task Garbage_json_is_400_never_500(string json)
    {
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var key = (await editor.CreatedAsync(new { documentType = "newsPage", title = "Aktualita" })).Key();

        using var created = await editor.PostAsync(SitePagesClient.Api, new StringContent(json, Encoding.UTF8, "application/json"));
        using var saved = await editor.PutAsync($"{SitePagesClient.Api}/{key}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Equal("Aktualita", (await editor.GetFromJsonAsync<JsonElement>($"{SitePagesClient.Api}/{key}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_unknown_key_is_a_czech_404_for_every_action()
    {
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor);
        var path = $"{SitePagesClient.Api}/{Guid.NewGuid()}";

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "", null), (HttpMethod.Put, "", new { documentType = "newsPage", title = "X" }), (HttpMethod.Post, "/publish", null),
            (HttpMethod.Post, "/unpublish", null), (HttpMethod.Delete, "", null),
        })
        {
            using var response = await editor.SendJsonAsync(method, path + suffix, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Stránka neexistuje nebo je v koši.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_detail_gives_back_what_was_saved_with_the_start_in_town_time()
    {
        var part = await _site.PartAsync("Studénka");
        var street = part.Streets[0];
        using var editor = await _site.CreateOperatorClientAsync(OperatorRole.Editor, "redaktor");
        var created = await editor.CreatedAsync(new
        {
            documentType = "eventPage", title = "  Rozsvícení stromu ", body = "Na náměstí.", eventStart = "2026-11-29T17:00", place = "náměstí",
            smsEnabled = true, smsText = "Rozsvícení stromu v neděli v 17:00.", packageId = 4, cityPartIds = Array.Empty<long>(), streetIds = new[] { street.Id }, reminders = "",
        });

        var detail = await editor.GetFromJsonAsync<JsonElement>($"{SitePagesClient.Api}/{created.Key()}");

        Assert.Equal("Rozsvícení stromu", detail.GetProperty("title").GetString());
        Assert.Equal("2026-11-29T17:00:00+01:00", detail.GetProperty("eventStart").GetString());
        Assert.Equal([street.Id], detail.GetProperty("streetIds").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("", detail.GetProperty("reminders").GetString());
        Assert.Equal("Test Editor (redaktor)", detail.GetProperty("updatedBy").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("url").ValueKind);
        var listed = Assert.Single((await editor.GetFromJsonAsync<JsonElement>(SitePagesClient.Api)).EnumerateArray());
        Assert.Equal(("eventPage", "draft", false), (listed.GetProperty("documentType").GetString(), listed.GetProperty("state").GetString(), listed.GetProperty("hasUnpublishedChanges").GetBoolean()));
    }
}
