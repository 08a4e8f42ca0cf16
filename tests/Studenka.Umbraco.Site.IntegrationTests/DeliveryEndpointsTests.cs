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
        site.Services.GetRequiredService<DeliveryStatus>().Pause(DeliveryPauseKind.ConfigurationError, "code 2: incorrect access key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Status)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendJsonAsync(HttpMethod.Post, Resume)).StatusCode);
        Assert.True(site.Services.GetRequiredService<DeliveryStatus>().IsPaused);
    }

    [Fact]
    public async Task An_operator_sees_why_sending_is_paused_and_resumes_it_with_an_audit_entry()
    {
        using var site = Site();
        var client = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, userName: "dispecink");
        site.Services.GetRequiredService<DeliveryStatus>().Pause(DeliveryPauseKind.ConfigurationError, "code 2: incorrect access key");

        using var paused = JsonDocument.Parse(await client.GetStringAsync(Status));
        Assert.True(paused.RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal("code 2: incorrect access key", paused.RootElement.GetProperty("reason").GetString());
        Assert.Equal(0, paused.RootElement.GetProperty("backlog").GetInt32());

        using var response = await client.SendJsonAsync(HttpMethod.Post, Resume);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resumed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.False(site.Services.GetRequiredService<DeliveryStatus>().IsPaused);
        var entries = await site.Services.GetRequiredService<AuditLog>().ReadAsync(20, CancellationToken.None);
        var entry = Assert.Single(entries, e => e.Action == DeliveryAdministration.ResumeAction);
        Assert.Contains("incorrect access key", entry.Details);
    }
}
