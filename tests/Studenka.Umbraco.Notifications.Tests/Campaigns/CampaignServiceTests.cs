using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class CampaignServiceTests : IAsyncLifetime
{
    private static readonly CampaignDraft Water = new(2, null, null, "Zítra nepoteče voda.");

    private CampaignTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await CampaignTestBed.CreateAsync();

    public Task DisposeAsync() => _bed.DisposeAsync().AsTask();

    private async Task<Campaign> CreateAsync(CampaignDraft? draft = null)
    {
        var result = await _bed.Service.CreateAsync(draft ?? Water, _bed.Actor, CancellationToken.None);
        Assert.Equal(CampaignOutcome.Done, result.Outcome);
        return result.Campaign!;
    }

    [Fact]
    public async Task A_new_campaign_without_schedule_is_a_draft_created_by_the_operator_with_its_sent_body()
    {
        var campaign = await CreateAsync(Water with { Diacritics = "transliterate" });

        Assert.Equal(CampaignStates.Draft, campaign.State);
        Assert.Equal("Jana Dispečerka (7)", campaign.CreatedBy);
        Assert.Equal(("Zítra nepoteče voda.", "Zitra nepotece voda.", "gsm7", 1), (campaign.Text, campaign.Body, campaign.Encoding, campaign.Segments));
        Assert.Null(campaign.DueAt);
    }

    [Fact]
    public async Task A_campaign_from_a_content_page_keeps_the_page_key_and_address()
    {
        var key = Guid.NewGuid();

        var campaign = await CreateAsync(Water with { PackageId = 4, Source = new("content", key, "https://www.studenka.cz/akce/jarmark") });
        var stored = await _bed.Repository.GetAsync(campaign.Id, CancellationToken.None);

        Assert.Equal(("content", key, "https://www.studenka.cz/akce/jarmark"), (stored!.Source, stored.ContentKey, stored.ContentUrl));
    }

    [Fact]
    public async Task A_campaign_created_with_an_empty_schedule_is_due_now_and_wakes_the_worker()
    {
        var campaign = await CreateAsync(Water with { Schedule = new(null) });

        Assert.Equal(CampaignStates.Scheduled, campaign.State);
        Assert.Null(campaign.RequestedAt);
        Assert.Equal(CampaignTestBed.Start, campaign.DueAt);
        Assert.True(await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "the delivery worker was not woken");
    }

    [Fact]
    public async Task Scheduling_into_the_night_keeps_the_requested_time_and_moves_the_due_time_to_the_morning()
    {
        var campaign = await CreateAsync();
        var tonight = new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero);

        var result = await _bed.Service.ScheduleAsync(campaign.Id, Iso(tonight), _bed.Actor, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Done, result.Outcome);
        Assert.Equal(tonight, result.Campaign!.RequestedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero), result.Campaign.DueAt);
        Assert.False(await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "a campaign due tomorrow must not wake the worker");
    }

    [Fact]
    public async Task Sending_now_at_night_holds_an_operational_message_until_morning_but_not_a_crisis()
    {
        var water = await CreateAsync();
        var flood = await CreateAsync(new CampaignDraft(1, null, null, "Povodeň: Odra se vylévá."));
        _bed.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 22, 15, 0, TimeSpan.Zero)); // 23:15 in Studénka

        var held = (await _bed.Service.SendNowAsync(water.Id, _bed.Actor, CancellationToken.None)).Campaign!;
        var wokenForWater = await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        var crisis = (await _bed.Service.SendNowAsync(flood.Id, _bed.Actor, CancellationToken.None)).Campaign!;
        var wokenForFlood = await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((CampaignStates.Scheduled, new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero)), (held.State, held.DueAt));
        Assert.False(wokenForWater, "a message held until morning must not wake the worker");
        Assert.Equal((CampaignStates.Scheduled, _bed.Time.GetUtcNow()), (crisis.State, crisis.DueAt));
        Assert.True(wokenForFlood, "a crisis must wake the worker at once");
    }

    [Fact]
    public async Task Scheduling_in_the_past_is_refused_with_a_field_error()
    {
        var campaign = await CreateAsync();

        var result = await _bed.Service.ScheduleAsync(campaign.Id, Iso(CampaignTestBed.Start.AddHours(-1)), _bed.Actor, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Invalid, result.Outcome);
        Assert.Contains("v minulosti", result.Errors!["sendAt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_cannot_be_sent_twice_by_a_double_click()
    {
        var campaign = await CreateAsync();

        var first = await _bed.Service.SendNowAsync(campaign.Id, _bed.Actor, CancellationToken.None);
        var second = await _bed.Service.SendNowAsync(campaign.Id, _bed.Actor, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Done, first.Outcome);
        Assert.Equal(CampaignOutcome.Refused, second.Outcome);
        Assert.Contains("podruhé ji poslat nelze", second.Reason, StringComparison.Ordinal);
        Assert.Single(await SendEntriesAsync(campaign.Id));
    }

    [Fact]
    public async Task Of_many_simultaneous_sends_exactly_one_succeeds()
    {
        var campaign = await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _bed.Service.SendNowAsync(campaign.Id, _bed.Actor, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == CampaignOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != CampaignOutcome.Done), r => Assert.Equal(CampaignOutcome.Refused, r.Outcome));
        Assert.Single(await SendEntriesAsync(campaign.Id));
    }

    [Theory]
    [InlineData(CampaignStates.Sending, "právě odesílá")]
    [InlineData(CampaignStates.Sent, "už byla odeslána")]
    [InlineData(CampaignStates.Cancelled, "je zrušená")]
    [InlineData(CampaignStates.Failed, "skončilo chybou")]
    public async Task A_campaign_past_scheduling_cannot_be_sent_or_rescheduled(string state, string reason)
    {
        var campaign = await CreateAsync();
        await _bed.SetStateAsync(campaign.Id, state);

        var send = await _bed.Service.SendNowAsync(campaign.Id, _bed.Actor, CancellationToken.None);
        var schedule = await _bed.Service.ScheduleAsync(campaign.Id, Iso(CampaignTestBed.Start.AddHours(2)), _bed.Actor, CancellationToken.None);

        Assert.Equal((CampaignOutcome.Refused, CampaignOutcome.Refused), (send.Outcome, schedule.Outcome));
        Assert.Contains(reason, send.Reason, StringComparison.Ordinal);
        Assert.Equal(state, (await _bed.Repository.GetAsync(campaign.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Cancelling_a_sent_campaign_is_refused_with_the_reason()
    {
        var campaign = await CreateAsync();
        await _bed.SetStateAsync(campaign.Id, CampaignStates.Sent);

        var result = await _bed.Service.CancelAsync(campaign.Id, "omyl", _bed.Actor, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Refused, result.Outcome);
        Assert.Equal("Kampaň už byla odeslána; zrušit ji nelze.", result.Reason);
        Assert.Empty(await _bed.Audit.ReadAsync(10, CancellationToken.None) is var entries ? entries.Where(e => e.Action == "campaign.cancel") : []);
    }

    [Fact]
    public async Task Cancelling_mid_way_cancels_the_waiting_rows_and_lets_rows_on_the_wire_finish()
    {
        var campaign = await CreateAsync(Water with { Schedule = new(null) });
        await _bed.StartSendingAsync(campaign.Id, "+420601000001", "+420601000002", "+420601000003");
        await using (var connection = await _bed.Database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE outbox SET status = 'sending' WHERE address = '+420601000001'");
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE outbox SET status = 'accepted' WHERE address = '+420601000002'");
        }

        var result = await _bed.Service.CancelAsync(campaign.Id, "Voda už teče.", _bed.Actor, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Done, result.Outcome);
        Assert.Equal((CampaignStates.Cancelled, "Voda už teče."), (result.Campaign!.State, result.Campaign.FailureReason));
        Assert.Equal(
            new Dictionary<string, string> { ["+420601000001"] = "sending", ["+420601000002"] = "accepted", ["+420601000003"] = "cancelled" },
            await _bed.OutboxAsync(campaign.Id));
    }

    [Fact]
    public async Task Cancelling_twice_is_refused_the_second_time()
    {
        var campaign = await CreateAsync();

        Assert.Equal(CampaignOutcome.Done, (await _bed.Service.CancelAsync(campaign.Id, null, _bed.Actor, CancellationToken.None)).Outcome);
        var second = await _bed.Service.CancelAsync(campaign.Id, null, _bed.Actor, CancellationToken.None);

        Assert.Equal((CampaignOutcome.Refused, "Kampaň už je zrušená."), (second.Outcome, second.Reason));
    }

    [Fact]
    public async Task Schedule_send_and_cancel_are_audited_with_the_operator()
    {
        var campaign = await CreateAsync();
        await _bed.Service.ScheduleAsync(campaign.Id, Iso(CampaignTestBed.Start.AddHours(2)), _bed.Actor, CancellationToken.None);
        _bed.Actor = new("9", "Petr Strážník", OperatorRole.Dispatch);
        await _bed.Service.SendNowAsync(campaign.Id, _bed.Actor, CancellationToken.None);
        await _bed.Service.CancelAsync(campaign.Id, "Chybný text", _bed.Actor, CancellationToken.None);

        var entries = (await _bed.Audit.ReadAsync(10, CancellationToken.None)).Reverse().Select(e => (e.Actor, e.Action, e.Subject)).ToList();

        var subject = $"campaign:{campaign.Id}";
        Assert.Equal(
            [("Jana Dispečerka (7)", "campaign.create", subject), ("Jana Dispečerka (7)", "campaign.schedule", subject),
             ("Petr Strážník (9)", "campaign.send", subject), ("Petr Strážník (9)", "campaign.cancel", subject)],
            entries);
    }

    [Fact]
    public async Task Unknown_campaigns_are_not_found_for_every_command()
    {
        Assert.Equal(CampaignOutcome.NotFound, (await _bed.Service.SendNowAsync(404, _bed.Actor, CancellationToken.None)).Outcome);
        Assert.Equal(CampaignOutcome.NotFound, (await _bed.Service.ScheduleAsync(404, Iso(CampaignTestBed.Start.AddHours(1)), _bed.Actor, CancellationToken.None)).Outcome);
        Assert.Equal(CampaignOutcome.NotFound, (await _bed.Service.CancelAsync(404, null, _bed.Actor, CancellationToken.None)).Outcome);
        Assert.Null(await _bed.Service.GetAsync(404, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_campaign_stores_nothing()
    {
        var result = await _bed.Service.CreateAsync(Water with { Text = "", PackageId = 5 }, _bed.Actor, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Invalid, result.Outcome);
        Assert.Equal((0L, 0L), (await _bed.CountAsync("campaigns"), await _bed.CountAsync("audit_log")));
    }

    [Fact]
    public async Task The_list_is_newest_first_filtered_by_state_and_paged()
    {
        var first = await CreateAsync();
        var second = await CreateAsync(Water with { Schedule = new(null) });
        var third = await CreateAsync();

        var (all, _) = await _bed.Service.ListAsync(null, 0, 2, CancellationToken.None);
        var (drafts, _) = await _bed.Service.ListAsync("draft", 0, 20, CancellationToken.None);
        var (_, errors) = await _bed.Service.ListAsync("lost", 0, 500, CancellationToken.None);

        Assert.Equal(3, all!.Total);
        Assert.Equal([third.Id, second.Id], all.Items.Select(c => c.Id));
        Assert.Equal([third.Id, first.Id], drafts!.Items.Select(c => c.Id));
        Assert.Equal(["state", "take"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Details_count_outbox_rows_by_status_and_handset_deliveries()
    {
        var campaign = await CreateAsync(Water with { Schedule = new(null) });
        await _bed.StartSendingAsync(campaign.Id, "+420601000001", "+420601000002", "+420601000003");
        await using (var connection = await _bed.Database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE outbox SET status = 'accepted', delivery_status = 'delivered' WHERE address = '+420601000001'");
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE outbox SET status = 'accepted' WHERE address = '+420601000002'");
        }

        var details = await _bed.Service.GetAsync(campaign.Id, CancellationToken.None);

        Assert.Equal(new DeliveryProgress(campaign.Id, Total: 3, Pending: 1, Sending: 0, Accepted: 2, Failed: 0, Unknown: 0, Cancelled: 0, Delivered: 1, FailedDelivery: 0), details!.Delivery);
    }

    private async Task<List<string>> SendEntriesAsync(long id) =>
        (await _bed.Audit.ReadAsync(50, CancellationToken.None)).Where(e => e.Action == "campaign.send" && e.Subject == $"campaign:{id}").Select(e => e.Actor).ToList();

    private static string Iso(DateTimeOffset instant) => instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
