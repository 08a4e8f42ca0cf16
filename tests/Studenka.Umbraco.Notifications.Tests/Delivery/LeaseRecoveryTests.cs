using Microsoft.Extensions.Logging.Abstractions;
using Studenka.Umbraco.Notifications.Delivery;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class LeaseRecoveryTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>A worker of <paramref name="node"/> that claimed two batches and got one of them on the wire, then died.</summary>
    private static async Task<(ClaimedBatch Claimed, ClaimedBatch Sending)> DeadWorkerAsync(DeliveryBed bed, DeliveryNode node)
    {
        var claimed = await bed.Claims.ClaimAsync(node.LeaseOwner, 2, bed.Time.GetUtcNow(), Lease, CancellationToken.None);
        var sending = await bed.Claims.ClaimAsync(node.LeaseOwner, 2, bed.Time.GetUtcNow(), Lease, CancellationToken.None);
        Assert.Equal(2, (await bed.Claims.MarkSendingAsync(sending!, node.LeaseOwner, bed.Time.GetUtcNow(), CancellationToken.None)).Count);
        return (claimed!, sending!);
    }

    private static async Task<long> SnapshottedAsync(DeliveryBed bed, int recipients)
    {
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(recipients, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None);
        return campaign;
    }

    [Fact]
    public async Task After_the_lease_expires_claimed_rows_are_sent_and_rows_that_may_have_left_become_unknown_and_are_not_resent()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var campaign = await SnapshottedAsync(bed, 4);
        var (claimed, sending) = await DeadWorkerAsync(bed, new DeliveryNode("node-b"));

        await bed.RunOnceAsync();
        Assert.Empty(bed.Gateway.Calls);

        bed.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        await bed.RunOnceAsync();

        Assert.Equal(claimed.Phones.Order(), bed.Gateway.AcceptedPhones().Order());
        var rows = await bed.OutboxAsync(campaign);
        Assert.All(rows.Where(r => sending.Phones.Contains(r.Phone)), r => Assert.Equal(("unknown", LeaseRecovery.CrashError), (r.Status, r.Error)));
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task At_start_rows_of_this_nodes_previous_process_are_resolved_at_once_and_other_nodes_leases_are_respected()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var campaign = await SnapshottedAsync(bed, 8);
        var previousProcess = await DeadWorkerAsync(bed, new DeliveryNode(bed.Node.NodeId));
        var otherNode = await DeadWorkerAsync(bed, new DeliveryNode("node-b"));

        Assert.Equal(4, await bed.Leases.ResolveAfterRestartAsync(CancellationToken.None));

        var rows = (await bed.OutboxAsync(campaign)).ToDictionary(r => r.Phone);
        Assert.All(previousProcess.Claimed.Phones, p => Assert.Equal("pending", rows[p].Status));
        Assert.All(previousProcess.Sending.Phones, p => Assert.Equal("unknown", rows[p].Status));
        Assert.All(otherNode.Claimed.Phones, p => Assert.Equal("claimed", rows[p].Status));
        Assert.All(otherNode.Sending.Phones, p => Assert.Equal("sending", rows[p].Status));
    }

    [Fact]
    public async Task A_running_process_never_resolves_its_own_live_leases_as_a_restart()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var campaign = await SnapshottedAsync(bed, 4);
        await DeadWorkerAsync(bed, bed.Node);

        Assert.Equal(0, await bed.Leases.ResolveAfterRestartAsync(CancellationToken.None));
        Assert.Equal(0, (await bed.Progress.GetAsync(campaign, CancellationToken.None)).Unknown);
    }

    [Fact]
    public async Task A_claimed_row_of_a_campaign_cancelled_meanwhile_is_resolved_to_cancelled_not_pending()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var campaign = await SnapshottedAsync(bed, 2);
        await bed.Claims.ClaimAsync("node-b/dead", 2, bed.Time.GetUtcNow(), Lease, CancellationToken.None);
        await bed.CancelCampaignAsync(campaign);

        bed.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        await bed.Leases.ResolveExpiredAsync(CancellationToken.None);

        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal("cancelled", r.Status));
    }

    [Fact]
    public async Task A_late_answer_after_the_lease_was_resolved_still_records_the_acceptance()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var campaign = await SnapshottedAsync(bed, 2);
        var batch = await bed.Claims.ClaimAsync(bed.Node.LeaseOwner, 2, bed.Time.GetUtcNow(), Lease, CancellationToken.None);
        await bed.Claims.MarkSendingAsync(batch!, bed.Node.LeaseOwner, bed.Time.GetUtcNow(), CancellationToken.None);
        bed.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var otherNode = new LeaseRecovery(bed.Database.Connections, new DeliveryNode("node-b"), bed.Time, NullLogger<LeaseRecovery>.Instance);
        await otherNode.ResolveExpiredAsync(CancellationToken.None);

        await bed.Claims.RecordAcceptedAsync(batch!.BatchId, "mb-1", bed.Time.GetUtcNow(), CancellationToken.None);

        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal(("accepted", "mb-1"), (r.Status, r.ProviderMessageId)));
    }
}
