using System.Net;
using System.Text;
using System.Text.Json;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Site.IntegrationTests.Campaigns.CampaignSite;

namespace Studenka.Umbraco.Site.IntegrationTests.Campaigns;

/// <summary>
/// Everything an operator or a script can send wrong: 400 with a Czech message on the field, never
/// a 500, and nothing stored. One site serves the whole table (each case starts from no campaigns).
/// </summary>
public sealed class CampaignBadInputTests : IClassFixture<CampaignBadInputTests.SignedInSite>
{
    private readonly SignedInSite _site;

    public CampaignBadInputTests(SignedInSite site) => _site = site;

    public sealed class SignedInSite : IAsyncLifetime
    {
        public StudenkaSiteFactory Site { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync() => Client = await Site.CreateOperatorClientAsync();

        public Task DisposeAsync()
        {
            Client.Dispose();
            Site.Dispose();
            return Task.CompletedTask;
        }
    }

    private const string GoodText = "\"text\":\"Zítra nepoteče voda.\"";

    public static TheoryData<string, string, string, string> BadCampaigns => new()
    {
        { "empty text", "{\"packageId\":2,\"text\":\"\"}", "text", "Text zprávy je prázdný" },
        { "no text", "{\"packageId\":2}", "text", "Text zprávy je prázdný" },
        // 1,530 characters, one of them an extension character of two septets: 1,531 septets.
        { "text over 10 segments", $"{{\"packageId\":2,\"text\":\"{new string('a', 1529)}€\"}}", "text", "11 SMS na příjemce, povoleno nejvýše 10" },
        { "text over 10 segments' characters", $"{{\"packageId\":2,\"text\":\"{new string('a', 1531)}\"}}", "text", "1531 znaků, nejvýše 1530" },
        { "no package", $"{{{GoodText}}}", "packageId", "Vyberte balíček zpráv" },
        { "package 5", $"{{\"packageId\":5,{GoodText}}}", "packageId", "Balíček 5 „Vše“" },
        { "unknown package", $"{{\"packageId\":42,{GoodText}}}", "packageId", "Balíček zpráv 42 neexistuje" },
        { "unknown city part", $"{{\"packageId\":2,\"cityPartIds\":[999],{GoodText}}}", "cityPartIds", "Část obce s id 999 neexistuje" },
        { "unknown street", $"{{\"packageId\":2,\"streetIds\":[999],{GoodText}}}", "streetIds", "Ulice s id 999 neexistuje" },
        { "schedule in the past", $"{{\"packageId\":2,{GoodText},\"schedule\":{{\"sendAt\":\"2026-11-27T08:00:00Z\"}}}}", "schedule.sendAt", "v minulosti" },
        { "a time near the end of the calendar", $"{{\"packageId\":2,{GoodText},\"schedule\":{{\"sendAt\":\"9999-12-31T22:00:00+01:00\"}}}}", "schedule.sendAt", "nejvýše 365 dní dopředu" },
        { "a time two years ahead", $"{{\"packageId\":3,{GoodText},\"schedule\":{{\"sendAt\":\"2028-11-27T10:00:00+01:00\"}}}}", "schedule.sendAt", "nejvýše 365 dní dopředu" },
        { "a Prague time skipped by the spring switch", $"{{\"packageId\":2,{GoodText},\"schedule\":{{\"sendAt\":\"2027-03-28T02:30:00\"}}}}", "schedule.sendAt", "neexistuje" },
        { "only a zero-width space", "{\"packageId\":2,\"text\":\"\\u200B\"}", "text", "nic viditelného" },
        { "only NUL", "{\"packageId\":2,\"text\":\"\\u0000\\u0000\"}", "text", "nic viditelného" },
        { "only bidi overrides and isolates", "{\"packageId\":2,\"text\":\"\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\"}", "text", "nic viditelného" },
        { "only invisible characters and whitespace", "{\"packageId\":2,\"text\":\" \\u200B\\u00AD\\uFEFF\\u2060\\t\\n\\u3164\\u2800\\u0007\"}", "text", "nic viditelného" },
        { "wrong diacritics", $"{{\"packageId\":2,{GoodText},\"diacritics\":\"none\"}}", "diacritics", "„keep“" },
        { "content without key", $"{{\"packageId\":4,{GoodText},\"source\":{{\"kind\":\"content\",\"contentUrl\":\"https://www.studenka.cz/akce\"}}}}", "source.contentKey", "Chybí klíč stránky" },
        { "content with relative URL", $"{{\"packageId\":4,{GoodText},\"source\":{{\"kind\":\"content\",\"contentKey\":\"{Guid.NewGuid()}\",\"contentUrl\":\"/akce\"}}}}", "source.contentUrl", "začínat http:// nebo https://" },
        { "package as text", $"{{\"packageId\":\"dva\",{GoodText}}}", "packageId", "špatný typ nebo formát" },
        // A misplaced send time would otherwise make a draft instead of a scheduled message, without a word.
        { "sendAt outside schedule", $"{{\"packageId\":1,{GoodText},\"sendAt\":\"2026-12-01T08:00:00+01:00\"}}", "sendAt", "Toto pole API nezná" },
        { "a misspelt field", $"{{\"packageId\":1,{GoodText},\"streetId\":1}}", "streetId", "Toto pole API nezná" },
        { "area ids as text", $"{{\"packageId\":2,\"cityPartIds\":[\"Butovice\"],{GoodText}}}", "cityPartIds[0]", "špatný typ nebo formát" },
        { "time not ISO", $"{{\"packageId\":2,{GoodText},\"schedule\":{{\"sendAt\":\"zítra v 8\"}}}}", "schedule.sendAt", "ISO 8601" },
        { "content key not a GUID", $"{{\"packageId\":4,{GoodText},\"source\":{{\"kind\":\"content\",\"contentKey\":\"123\"}}}}", "source.contentKey", "špatný typ nebo formát" },
        { "12-letter originator", $"{{\"packageId\":2,{GoodText},\"originator\":\"MPStudenkaXY\"}}", "originator", "Odesílatel smí mít nejvýše 11 písmen bez diakritiky (A–Z) a číslic" },
        { "18-digit originator", $"{{\"packageId\":2,{GoodText},\"originator\":\"123456789012345678\"}}", "originator", "telefonní číslo do 17 číslic" },
        { "originator with a symbol", $"{{\"packageId\":2,{GoodText},\"originator\":\"MP-Studenka\"}}", "originator", "Odesílatel smí mít" },
        { "originator as a number", $"{{\"packageId\":2,{GoodText},\"originator\":420601123456}}", "originator", "špatný typ nebo formát" },
        { "malformed JSON", "{\"packageId\":2,", "body", "není platný JSON" },
        { "JSON array", "[2]", "body", "není platný JSON" },
        { "empty body", "", "body", "není platný JSON" },
    };

    [Theory]
    [MemberData(nameof(BadCampaigns))]
    public async Task A_bad_campaign_is_refused_with_400_and_a_Czech_message_and_nothing_is_stored(string because, string json, string field, string message)
    {
        foreach (var path in new[] { CampaignsPath, CampaignsPath + "/preview" })
        {
            using var response = await _site.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            var body = await response.JsonAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because} at {path}: {(int)response.StatusCode} {body}");
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out var errors), $"{because}: no error on '{field}' in {body}");
            Assert.Contains(message, errors[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, _site.Site.Count("campaigns"));
    }

    [Theory]
    [InlineData("?take=abc", "take")]
    [InlineData("?take=1000", "take")]
    [InlineData("?skip=-1", "skip")]
    [InlineData("?state=ztracena", "state")]
    public async Task A_bad_list_query_is_400_on_its_parameter(string query, string field)
    {
        using var response = await _site.Client.GetAsync(CampaignsPath + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Scheduling_an_existing_campaign_in_the_past_is_400_and_leaves_it_a_draft()
    {
        var id = await _site.Client.CreateDraftAsync();
        try
        {
            using var response = await _site.Client.SendJsonAsync(HttpMethod.Post, $"{CampaignsPath}/{id}/schedule", new { sendAt = "2020-01-01T10:00:00+01:00" });
            var stored = await (await _site.Client.GetAsync($"{CampaignsPath}/{id}")).JsonAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("v minulosti", (await response.JsonAsync()).GetProperty("errors").GetProperty("sendAt")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal("draft", stored.GetProperty("campaign").GetProperty("state").GetString());
        }
        finally
        {
            _site.Site.DeleteCampaigns();
        }
    }
}
