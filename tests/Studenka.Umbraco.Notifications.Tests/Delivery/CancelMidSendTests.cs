using Dapper;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>An operator cancels while the pipelined dispatcher has requests on the wire and the next batches claimed.</summary>
public sealed class CancelMidSendTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task After_a_cancel_only_the_batches_already_on_the_wire_are_sent_and_the_rest_is_cancelled(int concurrency)
    {
        await using var bed = await DeliveryBed.CreateAsync(o => (o.Concurrency, o.BatchSize) = (concurrency, 10));
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(100, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onWire = 0;
        bed.Gateway.OnWire = async _ =>
        {
            Interlocked.Increment(ref onWire);
            await release.Task;
        };

        var run = bed.RunOnceAsync();
        // Every pipeline has a request on the wire and has already claimed (and rate-limited) its next batch.
        await WaitUntilAsync(async () => Volatile.Read(ref onWire) == concurrency && await HeldAsync(bed, campaign) == 2 * concurrency * 10);
        await bed.CancelCampaignAsync(campaign);
        release.SetResult();
        await run.WaitAsync(Patience);

        Assert.Equal(concurrency, bed.Gateway.Calls.Count);
        var rows = await bed.OutboxAsync(campaign);
        Assert.Equal(concurrency * 10, rows.Count(r => r.Status == "accepted"));
        Assert.Equal(100 - (concurrency * 10), rows.Count(r => r.Status == "cancelled"));
        Assert.Equal("cancelled", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task A_claimed_batch_goes_out_after_the_request_before_it_when_nothing_was_cancelled()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => (o.Concurrency, o.BatchSize) = (1, 10));
        var areas = await bed.AreasAsync();
        var phones = await bed.AddSubscribersAsync(30, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        bed.Gateway.Latency = TimeSpan.FromMilliseconds(20);

        await bed.RunOnceAsync();

        Assert.Equal(phones.Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.Equal(3, bed.Gateway.Calls.Count);
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal("accepted", r.Status));
    }

    private static async Task<long> HeldAsync(DeliveryBed bed, long campaign)
    {
        await using var connection = await bed.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox WHERE campaign_id = @campaign AND status IN ('claimed', 'sending')", new { campaign });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Patience, "the dispatcher did not reach the expected state in time");
            await Task.Delay(10);
        }
    }
}
