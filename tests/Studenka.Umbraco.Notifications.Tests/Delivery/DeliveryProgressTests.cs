using Dapper;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class DeliveryProgressTests
{
    [Fact]
    public async Task Progress_counts_each_outcome_and_the_delivery_reports_of_a_campaign()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.Concurrency = 1);
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(130, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        var untouched = await bed.AddCampaignAsync(packageId: 3, state: "draft");
        bed.Gateway.Then(
            ScriptedSmsGateway.Accept(new SmsBatch("first", "", [])),
            new SmsSendResult(SmsSendStatus.RejectedPermanently, Error: "code 10"),
            new SmsSendResult(SmsSendStatus.OutcomeUnknown, Error: "timeout"));
        await bed.RunOnceAsync();
        await using (var connection = await bed.Database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                UPDATE outbox SET delivery_status = CASE WHEN id % 10 = 0 THEN 'delivery_failed' ELSE 'delivered' END
                WHERE campaign_id = @campaign AND status = 'accepted'
                """, new { campaign });
        }

        var progress = await bed.Progress.GetManyAsync([campaign, untouched], CancellationToken.None);

        var p = progress[campaign];
        Assert.Equal((130, 0, 0, 50, 50, 30, 0), (p.Total, p.Pending, p.Sending, p.Accepted, p.Failed, p.Unknown, p.Cancelled));
        Assert.Equal(50, p.Delivered + p.FailedDelivery);
        Assert.Equal(5, p.FailedDelivery);
        Assert.Equal(DeliveryProgress.Empty(untouched), progress[untouched]);
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
        Assert.Equal(0, await bed.Progress.BacklogAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_campaign_where_every_batch_was_refused_ends_failed_with_a_reason_in_czech()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(70, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        bed.Gateway.Default = _ => new SmsSendResult(SmsSendStatus.RejectedPermanently, Error: "code 9: originator invalid");

        await bed.RunOnceAsync();

        var state = await bed.CampaignAsync(campaign);
        Assert.Equal("failed", state.State);
        Assert.Equal("Brána nepřijala žádnou SMS (70 selhalo): code 9: originator invalid", state.FailureReason);
        Assert.NotNull(state.FinishedAtMs);
    }
}
