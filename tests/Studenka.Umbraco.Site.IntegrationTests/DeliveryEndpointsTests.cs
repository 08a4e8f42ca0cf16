using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

public sealed class DeliveryEndpointsTests
{
    private const string Status = "/umbraco/sms/api/v1/delivery/status";
    private const string Resume = "/umbraco/sms/api/v1/delivery/resume";

    private static StudenkaSiteFactory Site() => new(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false" });

    [Fact]
    public async Task Anonymous_callers_can_neither_see_the_delivery_status_nor_resume_it()
    {
        using var site = Site();
        var client = site.CreateAnonymousClient();
        await site.Services.GetRequiredService<DeliveryStatus>().PauseAsync(DeliveryPauseKind.ConfigurationError, "code 2: incorrect access key", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Status)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendJsonAsync(HttpMethod.Post, Resume)).StatusCode);
        Assert.NotNull(await site.Services.GetRequiredService<DeliveryStatus>().CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_administrator_sees_why_sending_is_paused_and_resumes_it_with_an_audit_entry()
    {
        using var site = Site();
        var client = await site.CreateOperatorClientAsync(OperatorRole.Administrator, userName: "spravce");
        await site.Services.GetRequiredService<DeliveryStatus>().PauseAsync(DeliveryPauseKind.ConfigurationError, "code 2: incorrect access key", CancellationToken.None);

        using var paused = JsonDocument.Parse(await client.GetStringAsync(Status));
        Assert.True(paused.RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal("code 2: incorrect access key", paused.RootElement.GetProperty("reason").GetString());
        Assert.Equal(0, paused.RootElement.GetProperty("backlog").GetInt32());

        using var response = await client.SendJsonAsync(HttpMethod.Post, Resume);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resumed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.Null(await site.Services.GetRequiredService<DeliveryStatus>().CurrentAsync(CancellationToken.None));
        var entries = await site.Services.GetRequiredService<AuditLog>().ReadAsync(20, CancellationToken.None);
        var entry = Assert.Single(entries, e => e.Action == DeliveryAdministration.ResumeAction);
        Assert.Contains("incorrect access key", entry.Details);
    }

    [Fact]
    public async Task The_status_shows_the_email_pause_apart_and_resuming_email_leaves_the_SMS_pause_alone()
    {
        using var site = Site();
        var client = await site.CreateOperatorClientAsync(OperatorRole.Administrator, userName: "spravce");
        var status = site.Services.GetRequiredService<DeliveryStatus>();
        await status.PauseAsync(DeliveryPauseKind.ConfigurationError, "code 2: incorrect access key", CancellationToken.None);
        await status.PauseAsync(OutboxChannel.Email, DeliveryPauseKind.ConfigurationError, "SMTP 535: authentication failed", CancellationToken.None);

        using var paused = JsonDocument.Parse(await client.GetStringAsync(Status));
        Assert.Equal("code 2: incorrect access key", paused.RootElement.GetProperty("reason").GetString());
        Assert.Equal("SMTP 535: authentication failed", paused.RootElement.GetProperty("emailPause").GetProperty("reason").GetString());

        using var response = await client.SendJsonAsync(HttpMethod.Post, "/umbraco/sms/api/v1/delivery/email/resume");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resumed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("emailPause").ValueKind);
        Assert.True(resumed.GetProperty("paused").GetBoolean());
        Assert.NotNull(await status.CurrentAsync(CancellationToken.None));
        Assert.Null(await status.CurrentAsync(OutboxChannel.Email, CancellationToken.None));
        var entries = await site.Services.GetRequiredService<AuditLog>().ReadAsync(20, CancellationToken.None);
        Assert.Contains("535", Assert.Single(entries, e => e.Action == DeliveryAdministration.ResumeEmailAction).Details);
    }

    [Fact]
    public async Task Two_sites_on_one_database_share_the_pause_and_each_shows_both_nodes()
    {
        var directory = Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));
        using var siteA = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false", ["Studenka:Delivery:NodeId"] = "node-a" }, directory);
        using var siteB = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Delivery:WorkerEnabled"] = "false", ["Studenka:Delivery:NodeId"] = "node-b" }, directory);
        var clientA = await siteA.CreateOperatorClientAsync(OperatorRole.Dispatch, userName: "dispecink-a");
        var clientB = await siteB.CreateOperatorClientAsync(OperatorRole.Administrator, userName: "spravce-b");
        await siteA.Services.GetRequiredService<DeliveryHeartbeat>().BeatAsync(CancellationToken.None);
        await siteB.Services.GetRequiredService<DeliveryHeartbeat>().BeatAsync(CancellationToken.None);

        await siteA.Services.GetRequiredService<DeliveryStatus>().PauseAsync(DeliveryPauseKind.InsufficientBalance, "code 25: not enough balance", CancellationToken.None);
        using var seenByB = JsonDocument.Parse(await clientB.GetStringAsync(Status));
        using var resume = await clientB.SendJsonAsync(HttpMethod.Post, Resume);
        using var seenByA = JsonDocument.Parse(await clientA.GetStringAsync(Status));

        Assert.True(seenByB.RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal("node-a", seenByB.RootElement.GetProperty("pausedByNode").GetString());
        Assert.Equal(["node-b", "node-a"], seenByB.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()));
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.False(seenByA.RootElement.GetProperty("paused").GetBoolean());
        Assert.All(seenByA.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.False(n.GetProperty("stale").GetBoolean()));
    }
}
