using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>Two nodes (dispatchers with their own gateway clients) over one database share the pause and show their heartbeats.</summary>
public sealed class SharedPauseTests
{
    [Fact]
    public async Task A_bad_key_met_on_one_node_pauses_the_other_and_a_resume_on_the_other_resumes_both()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var phones = await bed.AddSubscribersAsync(3, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        var nodeB = new DeliveryNode("node-b");
        var gatewayB = new ScriptedSmsGateway();
        var statusB = bed.StatusOf(nodeB);
        var runnerB = bed.CreateRunner(nodeB, gatewayB, statusB);
        var administrationB = new DeliveryAdministration(statusB, bed.Progress,
            new DeliveryHeartbeat(bed.Database.Connections, nodeB, statusB, bed.Time, Microsoft.Extensions.Options.Options.Create(bed.Options)), new DeliverySignal(), bed.Audit);
        bed.Gateway.Default = _ => new SmsSendResult(SmsSendStatus.ConfigurationError, Error: "code 2: incorrect access key");

        await bed.RunOnceAsync();
        await runnerB.RunOnceAsync(CancellationToken.None);

        Assert.Empty(gatewayB.Calls);
        var seenByB = await administrationB.StatusAsync(CancellationToken.None);
        Assert.Equal((true, "node-a", "code 2: incorrect access key"), (seenByB.Paused, seenByB.PausedByNode, seenByB.Reason));

        bed.Gateway.Default = ScriptedSmsGateway.Accept;
        await administrationB.ResumeAsync(new OperatorIdentity("7", "Jana"), CancellationToken.None);
        await bed.RunOnceAsync();

        Assert.Null(await bed.Status.CurrentAsync(CancellationToken.None));
        Assert.Equal(phones.Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task The_delivery_status_shows_every_node_with_its_heartbeat_and_marks_the_silent_ones_stale()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.HeartbeatSeconds = 5);
        var nodeB = new DeliveryNode("node-b");
        var heartbeatB = new DeliveryHeartbeat(bed.Database.Connections, nodeB, bed.StatusOf(nodeB), bed.Time, Microsoft.Extensions.Options.Options.Create(bed.Options));
        await bed.Heartbeat.BeatAsync(CancellationToken.None);
        await heartbeatB.BeatAsync(CancellationToken.None);

        var fresh = (await bed.Administration.StatusAsync(CancellationToken.None)).Nodes;
        bed.Time.Advance(TimeSpan.FromSeconds(20));
        await bed.Heartbeat.BeatAsync(CancellationToken.None);
        var later = (await bed.Administration.StatusAsync(CancellationToken.None)).Nodes;

        Assert.Equal([("node-a", false), ("node-b", false)], fresh.Select(n => (n.NodeId, n.Stale)));
        Assert.Equal([("node-a", false), ("node-b", true)], later.Select(n => (n.NodeId, n.Stale)));
        Assert.Equal(bed.Time.GetUtcNow(), later[0].LastSeenAt);
        Assert.All(later, n => Assert.Equal((true, false, 0), (n.WorkerEnabled, n.Paused, n.InFlight)));
    }
}
