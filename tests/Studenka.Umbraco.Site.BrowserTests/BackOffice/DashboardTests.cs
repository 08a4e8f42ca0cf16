using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Microsoft.Playwright.Assertions;
using static Studenka.Umbraco.Site.BrowserTests.BackOffice.BackOfficePages;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// Issue 10's statistics, audit log and delivery health in the real backoffice: the charts draw exactly
/// the numbers the API returns, the audit filter narrows the log, a paused delivery is shown with its
/// reason and resumed; Dispatch sees neither statistics nor audit and may not resume.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    private const string Api = "/umbraco/sms/api/v1";

    [Fact]
    public async Task An_administrator_sees_the_api_numbers_in_the_charts_filters_the_audit_log_and_resumes_a_paused_delivery()
    {
        await SignUpAsync(Site, "603 400 001", [("Butovice", "Nádražní")], 1, 2);
        await SignUpAsync(Site, "603 400 002", [("Studénka", "Požárnická")], 5);
        await SignUpAsync(Site, "603 400 003", [("Nová Horka", null)], 3);
        var campaign = await SendAsync("Zítra od 8 hodin nepoteče voda. Město Studénka");
        await Site.Factory.CreateOperatorAsync(OperatorRole.Administrator, "spravce", OperatorClient.TestPassword, "Jana Nováková");
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "spravce", OperatorClient.TestPassword);

        await OpenViewAsync(page, "Statistiky");
        var subscribers = await ApiAsync(page, "statistics/subscribers");
        var deliveries = await ApiAsync(page, "statistics/deliveries");
        var sms = await ApiAsync(page, "statistics/sms");
        var months = subscribers.GetProperty("months").EnumerateArray().Select(m => m.GetString()!).ToList();
        var packages = await DrawnAsync(page, "stats-chart-packages");
        Assert.Equal(months, packages.Labels);
        Assert.Equal([Longs(subscribers.GetProperty("total")), .. subscribers.GetProperty("packages").EnumerateArray().Select(p => Longs(p.GetProperty("values")))], packages.Data);
        Assert.Equal(3, packages.Data[0][^1]);
        var parts = await DrawnAsync(page, "stats-chart-parts");
        Assert.Equal(subscribers.GetProperty("cityParts").EnumerateArray().Select(p => Longs(p.GetProperty("values"))), parts.Data);
        var byMonth = await DrawnAsync(page, "stats-chart-deliveries-month");
        string[] outcomes = ["delivered", "accepted", "failedDelivery", "failed", "unknown", "pending", "cancelled"];
        Assert.Equal(outcomes.Select(o => deliveries.GetProperty("byMonth").EnumerateArray().Select(m => m.GetProperty("counts").GetProperty(o).GetInt64()).ToArray()), byMonth.Data);
        Assert.Equal(2, byMonth.Data[1][^1]); // the campaign's two SMS, accepted by the sandbox this month
        var byCampaign = await DrawnAsync(page, "stats-chart-deliveries-campaign");
        Assert.StartsWith($"#{campaign} ", byCampaign.Labels.Single(), StringComparison.Ordinal);
        var smsChart = await DrawnAsync(page, "stats-chart-sms");
        Assert.Equal(sms.GetProperty("byMonth").EnumerateArray().Select(m => m.GetProperty("segments").GetInt64()), smsChart.Data[0]);
        await Artifacts.ScreenshotAsync(page, "dashboard-1-statistics");
        await page.SetViewportSizeAsync(375, 812);
        await Expect(page.Locator("[data-testid=stats-chart-sms]")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "dashboard-2-statistics-375");
        await AssertNoHorizontalScrollAsync(page, "statistics");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=stats-export-sms]").ClickAsync());
        Assert.StartsWith("statistika-sms-a-naklady-", download.SuggestedFilename, StringComparison.Ordinal);
        await page.SetViewportSizeAsync(1280, 900);

        await OpenViewAsync(page, "Audit");
        await Expect(page.Locator("[data-testid=audit-total]")).Not.ToHaveAttributeAsync("data-value", "0");
        await page.Locator("[data-testid=audit-action] select").SelectOptionAsync("campaign.send");
        await page.Locator("[data-testid=audit-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=audit-total]")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("[data-testid=audit-list] li")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=audit-list] li").First).ToHaveAttributeAsync("data-action", "campaign.send");
        // In words for the administrator, the recorded name on hover.
        await Expect(page.Locator("[data-testid=audit-list] li strong").First).ToHaveTextAsync("Zpráva odeslána");
        await page.Locator("[data-testid=audit-actor] input").FillAsync("nikdo takový");
        await page.Locator("[data-testid=audit-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=audit-total]")).ToHaveAttributeAsync("data-value", "0");
        await page.Locator("[data-testid=audit-actor] input").FillAsync("systém");
        await page.Locator("[data-testid=audit-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=audit-total]")).ToHaveAttributeAsync("data-value", "1");
        await Artifacts.ScreenshotAsync(page, "dashboard-3-audit");
        await page.SetViewportSizeAsync(375, 812);
        await Artifacts.ScreenshotAsync(page, "dashboard-4-audit-375");
        await AssertNoHorizontalScrollAsync(page, "audit");
        await page.SetViewportSizeAsync(1280, 900);

        await Site.Factory.Services.GetRequiredService<DeliveryStatus>().PauseAsync(DeliveryPauseKind.InsufficientBalance, "code 25: not enough balance", CancellationToken.None);
        await OpenViewAsync(page, "Stav odesílání");
        await Expect(page.Locator("[data-testid=health-paused]")).ToHaveAttributeAsync("data-paused", "true", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=health-reason]")).ToHaveTextAsync("code 25: not enough balance");
        await Expect(page.Locator("[data-testid=health-nodes] li")).Not.ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "dashboard-5-health-paused");
        await page.SetViewportSizeAsync(375, 812);
        await Artifacts.ScreenshotAsync(page, "dashboard-6-health-paused-375");
        await AssertNoHorizontalScrollAsync(page, "health");
        await page.Locator("[data-testid=health-resume]").ClickAsync();
        await Expect(page.Locator("[data-testid=health-paused]")).ToHaveAttributeAsync("data-paused", "false");
        Assert.Null(await Site.Factory.Services.GetRequiredService<DeliveryStatus>().CurrentAsync(CancellationToken.None));
        var resumed = await ApiAsync(page, "audit/search?action=delivery.resume");
        Assert.Contains("Jana Nováková", resumed.GetProperty("items")[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
        await Artifacts.ScreenshotAsync(page, "dashboard-7-health-resumed-375");
        watch.AssertClean();
    }

    [Fact]
    public async Task Dispatch_has_no_statistics_or_audit_and_sees_a_pause_read_only()
    {
        await Site.Factory.CreateOperatorAsync(OperatorRole.Dispatch, "hlidka", OperatorClient.TestPassword, "Městská policie");
        await Site.Factory.Services.GetRequiredService<DeliveryStatus>().PauseAsync(DeliveryPauseKind.ConfigurationError, "code 2: incorrect access key", CancellationToken.None);
        var page = await Context.NewPageAsync();
        var watch = new BackOfficeWatch(page);
        await SignInAsync(page, "hlidka", OperatorClient.TestPassword);

        await OpenViewAsync(page, "Stav odesílání");
        await Expect(page.Locator("[data-testid=health-paused]")).ToHaveAttributeAsync("data-paused", "true");
        await Expect(page.Locator("[data-testid=health-resume-admin-only]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=health-resume]")).ToHaveCountAsync(0);
        // The views' conditions ask GET me too; once the health view has its answer, theirs is in as well.
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Odeslané zprávy" })).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Statistiky" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Audit" })).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "dashboard-8-dispatch-health");
        watch.AssertClean();
    }

    /// <summary>A package-2 campaign to the whole town, sent now; returns once every SMS left.</summary>
    private async Task<long> SendAsync(string text)
    {
        var campaigns = Site.Factory.Services.GetRequiredService<CampaignService>();
        var created = await campaigns.CreateAsync(new CampaignDraft(2, null, null, text), OperatorIdentity.System, CancellationToken.None);
        var id = created.Campaign!.Id;
        await campaigns.SendNowAsync(id, OperatorIdentity.System, CancellationToken.None);
        var runner = Site.Factory.Services.GetRequiredService<DeliveryRunner>();
        for (var i = 0; i < 400 && (await campaigns.GetAsync(id, CancellationToken.None))!.Campaign.State != "sent"; i++)
        {
            await runner.RunOnceAsync(CancellationToken.None);
            await Task.Delay(25);
        }

        Assert.Equal("sent", (await campaigns.GetAsync(id, CancellationToken.None))!.Campaign.State);
        return id;
    }

    /// <summary>The first backoffice start on a busy machine takes longer than Playwright's default 30 s.</summary>

    /// <summary>The API as the signed-in operator's page calls it (the redacted bearer plus the HttpOnly token cookies).</summary>
    private static async Task<JsonElement> ApiAsync(IPage page, string path)
    {
        var json = await page.EvaluateAsync<string>(
            "async path => { const r = await fetch(path, { headers: { Authorization: 'Bearer [redacted]', Accept: 'application/json' }, credentials: 'include' }); if (!r.ok) throw new Error(r.status + ' ' + path); return await r.text(); }",
            $"{Api}/{path}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private sealed record Drawn(List<string> Labels, List<long[]> Data);

    /// <summary>What the Chart.js instance of a chart holds (labels, each dataset's numbers), read from the page.</summary>
    private static async Task<Drawn> DrawnAsync(IPage page, string testId)
    {
        var chart = page.Locator($"[data-testid={testId}]");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", new System.Text.RegularExpressions.Regex("^[1-9]"), new() { Timeout = 30_000 });
        var json = await chart.EvaluateAsync<string>("el => JSON.stringify({ labels: el.chart.data.labels, data: el.chart.data.datasets.map(d => d.data) })");
        using var doc = JsonDocument.Parse(json);
        return new(doc.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            doc.RootElement.GetProperty("data").EnumerateArray().Select(d => d.EnumerateArray().Select(v => (long)v.GetDouble()).ToArray()).ToList());
    }

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();
}
