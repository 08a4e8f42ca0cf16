using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Statistics;

/// <summary>The audit log's filters and paging as an administrator uses them (GET audit/search).</summary>
public sealed class AuditSearchTests
{
    private const string Search = "/umbraco/sms/api/v1/audit/search";

    private static async Task<StudenkaSiteFactory> SiteWithEntriesAsync()
    {
        var site = new StudenkaSiteFactory();
        var audit = site.Services.GetRequiredService<AuditLog>();
        var jana = new OperatorIdentity("jana", "Jana Nováková", OperatorRole.Administrator);
        var hlidka = new OperatorIdentity("hlidka", "Městská policie", OperatorRole.Dispatch);
        // 27 Nov 23:30 UTC is already 28 Nov in Prague.
        site.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        await audit.AppendAsync(hlidka, "campaign.send", "campaign:1", "Povodeň na Odře", CancellationToken.None);
        site.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await audit.AppendAsync(jana, "campaign.cancel", "campaign:2", "Omyl 100%", CancellationToken.None);
        site.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        await audit.AppendAsync(jana, "operator.created", "operator:hlidka", null, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await audit.AppendAsync(hlidka, "campaign.schedule", $"campaign:{10 + i}", null, CancellationToken.None);
        }

        return site;
    }

    /// <summary>How many match, and the subjects of the page, newest first, comma-separated.</summary>
    private static async Task<(int Total, string Subjects)> GetAsync(HttpClient admin, string query)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>(Search + query);
        return (page.GetProperty("total").GetInt32(), string.Join(",", page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("subject").GetString())));
    }

    [Fact]
    public async Task Each_filter_narrows_the_log_and_pages_say_how_many_match()
    {
        using var site = await SiteWithEntriesAsync();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");

        Assert.Equal((1, "campaign:2"), await GetAsync(admin, "?action=campaign.cancel"));
        Assert.Equal(7, (await GetAsync(admin, "?action=campaign.")).Total);
        // A part of the name, any letter case; the log holds "Městská policie (hlidka)".
        Assert.Equal(6, (await GetAsync(admin, "?actor=HLIDKA")).Total);
        Assert.Equal((1, "campaign:1"), await GetAsync(admin, "?q=odře"));
        // "%" is a character to look for, not a wildcard.
        Assert.Equal((1, "campaign:2"), await GetAsync(admin, "?q=100%25"));
        Assert.Equal(0, (await GetAsync(admin, "?q=x%25y")).Total);
        // Prague days: 28 Nov holds the send at 23:30 on the 27th UTC and the cancel.
        Assert.Equal((2, "campaign:2,campaign:1"), await GetAsync(admin, "?from=2026-11-28&to=2026-11-28"));
        Assert.Equal(5, (await GetAsync(admin, "?from=2026-11-29&action=campaign.")).Total);
        Assert.Equal((6, "campaign:12,campaign:11"), await GetAsync(admin, "?actor=hlidka&skip=2&take=2"));
        string[] written = ["campaign.cancel", "campaign.schedule", "campaign.send", "operator.created"];
        Assert.Equal(written, (await admin.GetFromJsonAsync<string[]>("/umbraco/sms/api/v1/audit/actions"))!.Where(written.Contains));
    }

    [Theory]
    [InlineData("?from=27.11.2026", "from")]
    [InlineData("?from=2026-11-28&to=2026-11-27", "to")]
    [InlineData("?take=0", "take")]
    [InlineData("?skip=-1", "skip")]
    public async Task A_bad_filter_is_a_czech_400_naming_the_field(string query, string field)
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await admin.GetAsync(Search + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_an_administrator_resumes_a_paused_delivery()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false" });
        var status = site.Services.GetRequiredService<Notifications.Delivery.DeliveryStatus>();
        await status.PauseAsync(Notifications.Delivery.DeliveryPauseKind.InsufficientBalance, "code 25: not enough balance", CancellationToken.None);
        using var dispatch = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka");

        using var refused = await dispatch.SendJsonAsync(HttpMethod.Post, "/umbraco/sms/api/v1/delivery/resume");
        var seen = await dispatch.GetFromJsonAsync<JsonElement>("/umbraco/sms/api/v1/delivery/status");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(seen.GetProperty("paused").GetBoolean());
        Assert.NotNull(await status.CurrentAsync(CancellationToken.None));
    }
}
