using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Site.IntegrationTests.Campaigns.CampaignSite;

namespace Studenka.Umbraco.Site.IntegrationTests.Campaigns;

/// <summary>
/// What an operator types for "when" and "what" over HTTP: a time without an offset is the town's
/// wall clock (daylight saving included), and what goes to phones carries no invisible characters.
/// The site's clock stands at 2026-11-27 09:00 UTC.
/// </summary>
public sealed class CampaignTimesAndTextTests : IClassFixture<CampaignBadInputTests.SignedInSite>
{
    private readonly CampaignBadInputTests.SignedInSite _site;

    public CampaignTimesAndTextTests(CampaignBadInputTests.SignedInSite site) => _site = site;

    public static TheoryData<string, string> PragueWallTimes => new()
    {
        // Winter: CET, +01:00.
        { "2026-12-01T08:00:00", "2026-12-01T07:00:00Z" },
        { "2026-12-01T08:00", "2026-12-01T07:00:00Z" },
        // Summer: CEST, +02:00.
        { "2027-07-01T08:00:00", "2027-07-01T06:00:00Z" },
        // The autumn switch shows 02:30 twice: the first one (still +02:00) is taken.
        { "2027-10-31T02:30:00", "2027-10-31T00:30:00Z" },
        // Just after the spring gap.
        { "2027-03-28T03:00:00", "2027-03-28T01:00:00Z" },
        // With an offset, the offset decides.
        { "2026-12-01T08:00:00Z", "2026-12-01T08:00:00Z" },
        { "2026-12-01T08:00:00+02:00", "2026-12-01T06:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(PragueWallTimes))]
    public async Task A_send_time_without_an_offset_is_read_as_Prague_time_when_creating(string sendAt, string expectedUtc)
    {
        try
        {
            // Package 1 has no quiet hours, so the due time is the requested one.
            using var response = await _site.Client.PostJsonAsync(CampaignsPath, new { packageId = 1, text = "Cvičný poplach sirén.", schedule = new { sendAt } });
            var body = await response.JsonAsync();

            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            Assert.Equal(Utc(expectedUtc), body.GetProperty("requestedAt").GetDateTimeOffset());
            Assert.Equal(Utc(expectedUtc), body.GetProperty("dueAt").GetDateTimeOffset());
        }
        finally
        {
            _site.Site.DeleteCampaigns();
        }
    }

    [Theory]
    [MemberData(nameof(PragueWallTimes))]
    public async Task A_send_time_without_an_offset_is_read_as_Prague_time_when_scheduling_and_previewing(string sendAt, string expectedUtc)
    {
        try
        {
            var id = await _site.Client.CreateDraftAsync(new { packageId = 1, text = "Cvičný poplach sirén." });
            using var scheduled = await _site.Client.PostJsonAsync($"{CampaignsPath}/{id}/schedule", new { sendAt });
            using var preview = await _site.Client.PostJsonAsync(CampaignsPath + "/preview", new { packageId = 1, text = "Cvičný poplach sirén.", schedule = new { sendAt } });

            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
            Assert.Equal(Utc(expectedUtc), (await scheduled.JsonAsync()).GetProperty("requestedAt").GetDateTimeOffset());
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.Equal(Utc(expectedUtc), (await preview.JsonAsync()).GetProperty("requestedAt").GetDateTimeOffset());
        }
        finally
        {
            _site.Site.DeleteCampaigns();
        }
    }

    [Theory]
    [InlineData("2027-03-28T02:30:00", "neexistuje")]
    [InlineData("9999-12-31T22:00:00+01:00", "nejvýše 365 dní dopředu")]
    [InlineData("9999-12-31T23:59:59", "nejvýše 365 dní dopředu")]
    [InlineData("0001-01-01T00:00:00", "v minulosti")]
    [InlineData("zítra v 8", "ISO 8601")]
    public async Task Scheduling_an_existing_campaign_at_an_impossible_time_is_400_on_sendAt_and_leaves_it_a_draft(string sendAt, string message)
    {
        try
        {
            var id = await _site.Client.CreateDraftAsync();
            using var response = await _site.Client.PostJsonAsync($"{CampaignsPath}/{id}/schedule", new { sendAt });
            var body = await response.JsonAsync();
            var stored = await (await _site.Client.GetAsync($"{CampaignsPath}/{id}")).JsonAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
            Assert.Contains(message, body.GetProperty("errors").GetProperty("sendAt")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal("draft", stored.GetProperty("campaign").GetProperty("state").GetString());
        }
        finally
        {
            _site.Site.DeleteCampaigns();
        }
    }

    [Fact]
    public async Task NUL_bidi_overrides_and_zero_width_characters_inside_a_text_never_reach_the_stored_or_sent_text()
    {
        try
        {
            const string typed = "Zítra\u0000 nepoteče\u202E voda\u200B\u2066 v\u00A0ulici\u2069 Nádražní.\u202C\nDěkujeme.";
            const string clean = "Zítra nepoteče voda v\u00A0ulici Nádražní.\nDěkujeme.";
            using var preview = await _site.Client.PostJsonAsync(CampaignsPath + "/preview", new { packageId = 2, text = typed });
            using var created = await _site.Client.PostJsonAsync(CampaignsPath, new { packageId = 2, text = typed });
            var campaign = await created.JsonAsync();

            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.Equal(clean, (await preview.JsonAsync()).GetProperty("sentText").GetString());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(clean, campaign.GetProperty("text").GetString());
            Assert.Equal(clean, campaign.GetProperty("body").GetString());
        }
        finally
        {
            _site.Site.DeleteCampaigns();
        }
    }

    [Fact]
    public async Task A_text_far_over_the_limit_is_refused_by_its_length_at_once()
    {
        // 20 kB of JSON: under any body limit of the API (oversize bodies are 413), far over what 10 SMS hold.
        var json = JsonSerializer.Serialize(new { packageId = 2, text = new string('a', 20_000) });
        var watch = Stopwatch.StartNew();
        using var response = await _site.Client.PostAsync(CampaignsPath + "/preview", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        watch.Stop();
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("20000 znaků, nejvýše 1530", body.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"refusing took {watch.Elapsed}");
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
