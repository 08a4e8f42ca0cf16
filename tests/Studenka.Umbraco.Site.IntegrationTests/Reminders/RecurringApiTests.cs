using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Reminders;

/// <summary>
/// The recurring announcements' API on the Site (both engines): Czech problem JSON per field for a bad
/// definition with nothing stored; a good one stored with its next firing (the Site's clock: Friday
/// 27 November 2026, 10:00), changed and deleted, each step audited.
/// </summary>
public sealed class RecurringApiTests : IDisposable
{
    private const string Api = "/umbraco/sms/api/v1/recurring";
    private readonly StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_bad_cron_text_package_and_area_are_400_with_czech_messages_and_nothing_is_stored()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await admin.PostJsonAsync(Api, new { name = "Svoz", cron = "každé úterý v 7", text = "", packageId = 7, cityPartIds = new[] { 999_999 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Opakovaná zpráva nebyla uložena: opravte chyby.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("Rozvrh zadejte jako cron výraz Quartz", errors.GetProperty("cron")[0].GetString(), StringComparison.Ordinal);
        Assert.All(["text", "packageId", "cityPartIds"], field => Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(field)[0].GetString())));
        using var db = _site.OpenDatabase();
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM recurring_announcements"));
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'recurring.%'"));
    }

    [Fact]
    public async Task An_administrator_creates_changes_and_deletes_an_announcement_and_each_step_is_audited()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");

        using var created = await admin.PostJsonAsync(Api, new { name = "Zasedání zastupitelstva", cron = "0 0 16 ? * MON#1", text = "Dnes v 17:00 zasedá zastupitelstvo.", packageId = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero), body.GetProperty("nextFireAt").GetDateTimeOffset());

        using var changed = await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/{id}", new { name = "Zasedání zastupitelstva", cron = "0 0 16 ? * TUE#1", text = "Dnes v 17:00 zasedá zastupitelstvo.", packageId = 3 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextFireAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Api}/{id}")).StatusCode);
        using var gone = await admin.DeleteAsync($"{Api}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        using var db = _site.OpenDatabase();
        Assert.Equal(["recurring.create", "recurring.update", "recurring.delete"],
            db.Query<string>("SELECT action FROM audit_log WHERE action LIKE 'recurring.%' ORDER BY id"));
    }
}
