using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class CampaignSnapshotTests
{
    [Fact]
    public async Task A_campaign_reaches_its_package_and_package_5_in_batches_of_at_most_50_and_each_phone_once()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var water = await bed.AddSubscribersAsync(120, 2, areas.OtherPart);
        var everything = await bed.AddSubscribersAsync(10, TopicPackages.Everything, areas.OtherPart);
        var culture = await bed.AddSubscribersAsync(15, 4, areas.OtherPart);
        var unconfirmed = await bed.AddSubscriberAsync([2], areas.OtherPart, status: "pending");
        var campaign = await bed.AddCampaignAsync(packageId: 2);

        await bed.RunOnceAsync();

        var sent = bed.Gateway.AcceptedPhones();
        Assert.Equal(water.Concat(everything).Order(), sent.Order());
        Assert.All(bed.Gateway.Calls, c => Assert.InRange(c.Batch.Recipients.Count, 1, 50));
        Assert.Equal(3, bed.Gateway.Calls.Count);
        Assert.DoesNotContain(unconfirmed, sent);
        Assert.Empty(culture.Intersect(sent));
        Assert.All(bed.Gateway.Calls, c => Assert.Equal(("Odstavka vody", SmsEncoding.Gsm7), (c.Batch.Body, c.Batch.Encoding)));
        var state = await bed.CampaignAsync(campaign);
        Assert.Equal(("sent", 130L), (state.State, state.RecipientCount));
    }

    [Fact]
    public async Task An_area_campaign_reaches_subscribers_with_any_of_their_addresses_in_the_area()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var livesInStreet = await bed.AddSubscriberAsync([3], areas.PartWithStreets, areas.Street);
        var worksInStreet = await bed.AddSubscriberAsync([3], areas.OtherPart, secondAddress: (areas.PartWithStreets, areas.Street));
        var livesInTargetedPart = await bed.AddSubscriberAsync([TopicPackages.Everything], areas.OtherPart);
        var neighbourStreet = await bed.AddSubscriberAsync([3], areas.PartWithStreets, areas.OtherStreet);
        await bed.AddCampaignAsync(packageId: 3, partIds: [areas.OtherPart], streetIds: [areas.Street]);
        await bed.AddCampaignAsync(packageId: 3, streetIds: [areas.Street]);

        await bed.RunOnceAsync();

        var sent = bed.Gateway.AcceptedPhones();
        Assert.Equal(2, sent.Count(p => p == livesInStreet));
        Assert.Equal(2, sent.Count(p => p == worksInStreet));
        Assert.Equal(1, sent.Count(p => p == livesInTargetedPart));
        Assert.DoesNotContain(neighbourStreet, sent);
    }

    [Fact]
    public async Task The_snapshot_is_frozen_a_later_sign_up_is_not_sent_and_a_cancellation_before_sending_removes_the_phone()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var staying = await bed.AddSubscriberAsync([2], areas.OtherPart);
        var leaving = await bed.AddSubscriberAsync([2], areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        Assert.Equal(1, await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None));

        var lateComer = await bed.AddSubscriberAsync([2], areas.OtherPart);
        var repository = new SubscriberRepository(bed.Database.Connections);
        long leavingId;
        await using (var connection = await bed.Database.OpenAsync())
        {
            leavingId = (await SubscriberRepository.FindByPhoneAsync(connection, null, leaving, CancellationToken.None))!.Id;
        }

        Assert.True(await repository.DeleteAsync(leavingId, "2026-11-27", CancellationToken.None));
        await bed.RunOnceAsync();

        Assert.Equal([staying], bed.Gateway.AcceptedPhones());
        Assert.DoesNotContain(lateComer, bed.Gateway.AllPhonesRequested());
        var state = await bed.CampaignAsync(campaign);
        Assert.Equal(("sent", 2L), (state.State, state.RecipientCount));
        Assert.Equal([staying], (await bed.OutboxAsync(campaign)).Select(r => r.Phone));
    }

    [Fact]
    public async Task A_resident_who_cancels_after_a_campaign_reached_them_leaves_no_number_in_its_delivery_record()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var staying = await bed.AddSubscriberAsync([2], areas.OtherPart);
        var leaving = await bed.AddSubscriberAsync([2], areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        await bed.RunOnceAsync();
        long leavingId;
        await using (var connection = await bed.Database.OpenAsync())
        {
            leavingId = (await SubscriberRepository.FindByPhoneAsync(connection, null, leaving, CancellationToken.None))!.Id;
        }

        Assert.True(await new SubscriberRepository(bed.Database.Connections).DeleteAsync(leavingId, "2026-11-27", CancellationToken.None));

        var rows = await bed.OutboxAsync(campaign);
        Assert.DoesNotContain(rows, r => r.Phone == leaving);
        Assert.Contains(rows, r => r.Phone == staying);
        var progress = await bed.Progress.GetAsync(campaign, CancellationToken.None);
        Assert.Equal((2, 2), (progress.Total, progress.Accepted));
    }

    [Fact]
    public async Task A_campaign_with_nobody_to_reach_is_sent_with_zero_recipients_and_no_gateway_call()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var campaign = await bed.AddCampaignAsync(packageId: 4);

        await bed.RunOnceAsync();

        var state = await bed.CampaignAsync(campaign);
        Assert.Equal(("sent", 0L), (state.State, state.RecipientCount));
        Assert.NotNull(state.FinishedAtMs);
        Assert.Empty(bed.Gateway.Calls);
    }

    [Fact]
    public async Task A_campaign_not_yet_due_or_still_a_draft_is_not_snapshotted()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        await bed.AddSubscriberAsync([2], areas.OtherPart);
        var later = await bed.AddCampaignAsync(packageId: 2, dueAt: bed.Time.GetUtcNow().AddMinutes(5));
        var draft = await bed.AddCampaignAsync(packageId: 2, state: "draft");

        await bed.RunOnceAsync();
        Assert.Empty(bed.Gateway.Calls);
        Assert.Equal("scheduled", (await bed.CampaignAsync(later)).State);

        bed.Time.Advance(TimeSpan.FromMinutes(5));
        await bed.RunOnceAsync();
        Assert.Equal("sent", (await bed.CampaignAsync(later)).State);
        Assert.Equal("draft", (await bed.CampaignAsync(draft)).State);
        Assert.Single(bed.Gateway.Calls);
    }

    [Fact]
    public async Task Two_nodes_snapshotting_the_same_due_campaign_at_once_write_it_once()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(30, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        var other = new Notifications.Delivery.CampaignSnapshotter(bed.Database.Connections, bed.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<Notifications.Delivery.CampaignSnapshotter>.Instance);

        var taken = await Task.WhenAll(bed.Snapshotter.SnapshotDueAsync(CancellationToken.None), other.SnapshotDueAsync(CancellationToken.None));

        Assert.Equal(1, taken.Sum());
        Assert.Equal(30, (await bed.OutboxAsync(campaign)).Count);
    }
}
