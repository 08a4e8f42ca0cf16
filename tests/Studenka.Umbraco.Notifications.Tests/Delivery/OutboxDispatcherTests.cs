using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class OutboxDispatcherTests
{
    private static readonly SmsSendResult Transient = new(SmsSendStatus.TransientFailure, Error: "HTTP 503");

    private static async Task<(DeliveryBed Bed, long Campaign, List<string> Phones)> CampaignAsync(int recipients, Action<DeliveryOptions>? configure = null)
    {
        var bed = await DeliveryBed.CreateAsync(configure);
        var areas = await bed.AreasAsync();
        var phones = await bed.AddSubscribersAsync(recipients, 2, areas.OtherPart);
        return (bed, await bed.AddCampaignAsync(packageId: 2), phones);
    }

    [Fact]
    public async Task A_batch_the_gateway_refused_for_now_is_retried_after_the_backoff_and_sent_once()
    {
        var (bed, campaign, phones) = await CampaignAsync(3);
        await using var _ = bed;
        bed.Gateway.Then(Transient);

        await bed.RunOnceAsync();
        var waiting = await bed.OutboxAsync(campaign);
        Assert.All(waiting, r => Assert.Equal(("pending", 1L, "HTTP 503"), (r.Status, r.Attempts, r.Error)));
        Assert.All(waiting, r => Assert.True(r.NextAttemptAtMs > bed.Time.GetUtcNow().ToUnixTimeMilliseconds(), "a retry waits for its backoff"));
        await bed.RunOnceAsync();
        Assert.Single(bed.Gateway.Calls);
        Assert.Equal("sending", (await bed.CampaignAsync(campaign)).State);

        bed.Time.Advance(TimeSpan.FromSeconds(bed.Options.RetryMaxSeconds));
        await bed.RunOnceAsync();

        Assert.Equal(phones.Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal(("accepted", 2L), (r.Status, r.Attempts)));
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task A_batch_refused_for_now_on_every_attempt_fails_after_the_last_attempt()
    {
        var (bed, campaign, _) = await CampaignAsync(2, o => o.MaxAttempts = 2);
        await using var __ = bed;
        bed.Gateway.Default = _ => Transient;

        await bed.RunOnceAsync();
        bed.Time.Advance(TimeSpan.FromSeconds(bed.Options.RetryMaxSeconds));
        await bed.RunOnceAsync();
        bed.Time.Advance(TimeSpan.FromSeconds(bed.Options.RetryMaxSeconds));
        await bed.RunOnceAsync();

        Assert.Equal(2, bed.Gateway.Calls.Count);
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal(("failed", 2L), (r.Status, r.Attempts)));
        var state = await bed.CampaignAsync(campaign);
        Assert.Equal("failed", state.State);
        Assert.Contains("HTTP 503", state.FailureReason);
    }

    [Fact]
    public async Task A_batch_rejected_permanently_is_failed_with_the_gateways_reason_and_not_retried()
    {
        var (bed, campaign, _) = await CampaignAsync(60);
        await using var _ = bed;
        // Two batches go out concurrently; the full one is refused, whichever comes first.
        bed.Gateway.Default = b => b.Recipients.Count == 50
            ? new SmsSendResult(SmsSendStatus.RejectedPermanently, Error: "code 9: no (correct) recipients found")
            : ScriptedSmsGateway.Accept(b);

        await bed.RunOnceAsync();
        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.RunOnceAsync();

        var rows = await bed.OutboxAsync(campaign);
        Assert.Equal(50, rows.Count(r => r.Status == "failed" && r.Error == "code 9: no (correct) recipients found"));
        Assert.Equal(10, rows.Count(r => r.Status == "accepted"));
        Assert.Equal(2, bed.Gateway.Calls.Count);
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task A_batch_with_an_unknown_outcome_is_marked_unknown_and_never_resent()
    {
        var (bed, campaign, _) = await CampaignAsync(5);
        await using var _ = bed;
        bed.Gateway.Then(new SmsSendResult(SmsSendStatus.OutcomeUnknown, Error: "timeout after sending"));

        await bed.RunOnceAsync();
        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.RunOnceAsync();

        Assert.Single(bed.Gateway.Calls);
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal(("unknown", "timeout after sending"), (r.Status, r.Error)));
        Assert.Equal(5, (await bed.Progress.GetAsync(campaign, CancellationToken.None)).Unknown);
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task A_gateway_that_throws_leaves_the_batch_unknown_rather_than_resending_it()
    {
        var (bed, campaign, _) = await CampaignAsync(2);
        await using var _ = bed;
        bed.Gateway.ThenThrow(new HttpRequestException("connection reset"));

        await bed.RunOnceAsync();
        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.RunOnceAsync();

        Assert.Single(bed.Gateway.Calls);
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal("unknown", r.Status));
    }

    [Fact]
    public async Task A_configuration_error_pauses_all_sending_loses_nothing_and_an_operators_resume_continues()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var phones = await bed.AddSubscribersAsync(120, 2, areas.OtherPart);
        var first = await bed.AddCampaignAsync(packageId: 2);
        var second = await bed.AddCampaignAsync(packageId: 2);
        bed.Gateway.Default = _ => new SmsSendResult(SmsSendStatus.ConfigurationError, Error: "code 2: incorrect access key");

        await bed.RunOnceAsync();
        // Batches already in flight on other workers may meet the same error; no new ones start.
        var callsWhenPaused = bed.Gateway.Calls.Count;
        Assert.InRange(callsWhenPaused, 1, bed.Options.Concurrency);
        bed.Time.Advance(TimeSpan.FromHours(2));
        await bed.RunOnceAsync();
        Assert.Equal(callsWhenPaused, bed.Gateway.Calls.Count);

        var paused = await bed.Administration.StatusAsync(CancellationToken.None);
        Assert.True(paused.Paused);
        Assert.Equal(("ConfigurationError", "code 2: incorrect access key", 240), (paused.Kind, paused.Reason, paused.Backlog));
        Assert.Empty(bed.Gateway.AcceptedPhones());
        Assert.Equal(["sending", "sending"], [(await bed.CampaignAsync(first)).State, (await bed.CampaignAsync(second)).State]);


        bed.Gateway.Default = ScriptedSmsGateway.Accept;
        var resumed = await bed.Administration.ResumeAsync(new Notifications.Operators.OperatorIdentity("7", "Jana Dispečerka"), CancellationToken.None);
        await bed.RunOnceAsync();

        Assert.False(resumed.Paused);
        Assert.Equal(phones.Concat(phones).Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.Equal(["sent", "sent"], [(await bed.CampaignAsync(first)).State, (await bed.CampaignAsync(second)).State]);
        var audit = Assert.Single(await bed.Audit.ReadAsync(10, CancellationToken.None));
        Assert.Equal((DeliveryAdministration.ResumeAction, "Jana Dispečerka (7)"), (audit.Action, audit.Actor));
        Assert.Contains("incorrect access key", audit.Details);
    }

    [Fact]
    public async Task An_exhausted_balance_pauses_and_retries_by_itself_after_the_configured_pause()
    {
        var (bed, campaign, phones) = await CampaignAsync(3, o => o.BalanceRetryMinutes = 10);
        await using var _ = bed;
        bed.Gateway.Default = _ => new SmsSendResult(SmsSendStatus.InsufficientBalance, Error: "code 25: not enough balance");

        await bed.RunOnceAsync();
        bed.Time.Advance(TimeSpan.FromMinutes(9));
        await bed.RunOnceAsync();
        Assert.True(bed.Status.IsPaused);
        Assert.Single(bed.Gateway.Calls);
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal(("pending", 0L), (r.Status, r.Attempts)));

        bed.Gateway.Default = ScriptedSmsGateway.Accept;
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.RunOnceAsync();

        Assert.False(bed.Status.IsPaused);
        Assert.Equal(phones.Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [Fact]
    public async Task Rows_of_a_cancelled_campaign_are_never_claimed_and_the_cancellation_stays()
    {
        var (bed, campaign, _) = await CampaignAsync(4);
        await using var _ = bed;
        await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None);
        await bed.CancelCampaignAsync(campaign);

        await bed.RunOnceAsync();

        Assert.Empty(bed.Gateway.Calls);
        Assert.Equal("cancelled", (await bed.CampaignAsync(campaign)).State);
        Assert.Equal(4, (await bed.Progress.GetAsync(campaign, CancellationToken.None)).Cancelled);
    }

    [Fact]
    public async Task A_claimed_batch_whose_campaign_is_cancelled_before_sending_is_not_sent()
    {
        var (bed, campaign, _) = await CampaignAsync(4);
        await using var _ = bed;
        await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None);
        var batch = await bed.Claims.ClaimAsync(bed.Node.LeaseOwner, 50, bed.Time.GetUtcNow(), TimeSpan.FromMinutes(2), CancellationToken.None);
        await bed.CancelCampaignAsync(campaign);

        var marked = await bed.Claims.MarkSendingAsync(batch!, bed.Node.LeaseOwner, bed.Time.GetUtcNow(), CancellationToken.None);
        await bed.Claims.ReleaseAsync(batch!, bed.Node.LeaseOwner, bed.Time.GetUtcNow(), CancellationToken.None);

        Assert.Empty(marked);
        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal("cancelled", r.Status));
    }

    [Fact]
    public async Task A_crisis_campaign_goes_out_before_a_long_campaign_already_in_flight()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.Concurrency = 1);
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(120, 4, areas.OtherPart);
        var crisisPhones = await bed.AddSubscribersAsync(5, 1, areas.OtherPart);
        await bed.AddCampaignAsync(packageId: 4, dueAt: bed.Time.GetUtcNow().AddMinutes(-10));
        await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.AddCampaignAsync(packageId: 1);

        await bed.RunOnceAsync();

        Assert.Equal(crisisPhones.Order(), bed.Gateway.Calls.First().Batch.Recipients.Order());
        Assert.Equal(4, bed.Gateway.Calls.Count);
    }
}
