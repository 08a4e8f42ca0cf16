using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Tests.Campaigns;
using static Studenka.Umbraco.Notifications.Tests.Reminders.ReminderChecks;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

/// <summary>
/// Scheduling, replacing, cancelling and firing reminders over the real Quartz job store (SQLite),
/// with the clock faked: the scheduler is not started, the tests fire the reminders' job themselves.
/// </summary>
public sealed class ReminderSchedulerTests : IAsyncLifetime
{
    private static readonly ReminderOffset DayBeforeAtNine = ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0));
    private static readonly ReminderOffset TwoHoursBefore = ReminderOffset.BeforeStart(TimeSpan.FromHours(2));

    // The bed's clock: Friday 27 November 2026, 10:00 in Studénka. The event: Sunday 29 November, 18:00.
    private static readonly DateTimeOffset EventStart = new(2026, 11, 29, 18, 0, 0, TimeSpan.FromHours(1));
    private readonly Guid _page = Guid.NewGuid();
    private CampaignTestBed _bed = null!;
    private ReminderNode _node = null!;

    private FakeTimeProvider Time => _bed.Time;

    public async Task InitializeAsync()
    {
        _bed = await CampaignTestBed.CreateAsync(new CampaignOptions { QuietHours = [] });
        _node = await ReminderNode.CreateAsync(_bed, _bed.Time, "test", start: false);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private Task ScheduleAsync(DateTimeOffset eventStart, params ReminderOffset[] offsets) =>
        _node.Scheduler.ScheduleAsync(Request(_page, eventStart, offsets), CancellationToken.None);

    private Task<IReadOnlyList<ScheduledReminder>> ListAsync() => _node.Scheduler.ListAsync(_page, CancellationToken.None);

    [Fact]
    public async Task Each_offset_gets_one_trigger_and_scheduling_the_same_page_again_keeps_one_set()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine, TwoHoursBefore);
        await ScheduleAsync(EventStart, DayBeforeAtNine, TwoHoursBefore);

        var reminders = await ListAsync();
        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), "scheduled"), (new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero), "scheduled")],
            reminders.Select(r => (r.FireAt, r.State)));
        Assert.Equal(2, await QuartzTriggersAsync(_bed));
    }

    [Fact]
    public async Task A_moved_event_start_moves_its_reminders()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine);

        await ScheduleAsync(EventStart.AddDays(7), DayBeforeAtNine);

        Assert.Equal([new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero)], (await ListAsync()).Select(r => r.FireAt));
        Assert.Equal(1, await QuartzTriggersAsync(_bed));
    }

    [Fact]
    public async Task Offsets_that_fall_in_the_past_are_not_scheduled()
    {
        // The event starts tomorrow at 10:00: the day before at 09:00 was an hour ago.
        await ScheduleAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1)), ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0)), TwoHoursBefore);

        Assert.Equal([new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero)], (await ListAsync()).Select(r => r.FireAt));
    }

    [Fact]
    public async Task Cancelling_removes_the_unfired_triggers_and_lists_the_reminders_as_cancelled()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine, TwoHoursBefore);

        await _node.Scheduler.CancelAsync(_page, CancellationToken.None);

        Assert.All(await ListAsync(), r => Assert.Equal("cancelled", r.State));
        Assert.Equal(0, await QuartzTriggersAsync(_bed));
        Assert.Equal(0, await CampaignsOfAsync(_bed, _page));
    }

    private async Task<long> OnlyReminderIdAsync() =>
        (await new ReminderRepository(_bed.Database.Connections).ForContentAsync(_page, CancellationToken.None)).Single().Id;

    [Fact]
    public async Task A_fired_reminder_creates_one_due_campaign_of_the_page_even_if_it_fires_twice()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine);
        var id = await OnlyReminderIdAsync();
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 8, 0, 1, TimeSpan.Zero));

        await _node.Firing.FireAsync(id, recovering: false, CancellationToken.None);
        await _node.Firing.FireAsync(id, recovering: false, CancellationToken.None);

        var reminder = Assert.Single(await ListAsync());
        Assert.Equal("fired", reminder.State);
        var campaign = (await _bed.Service.GetAsync(reminder.CampaignId!.Value, CancellationToken.None))!;
        Assert.Equal("scheduled", campaign.Campaign.State);
        Assert.Equal(1, await CampaignsOfAsync(_bed, _page));
    }

    [Fact]
    public async Task A_node_that_died_after_creating_the_campaign_but_before_recording_it_does_not_make_quartz_send_a_second_one()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine);
        var id = await OnlyReminderIdAsync();
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 8, 0, 1, TimeSpan.Zero));
        await _node.Firing.FireAsync(id, recovering: false, CancellationToken.None);
        var first = Assert.Single(await ListAsync()).CampaignId;
        // The crash: the campaign exists, the reminder row still says "firing" with no campaign.
        await using (var connection = await _bed.Database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE reminders SET state = 'firing', campaign_id = NULL WHERE id = @id", new { id });
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        // Quartz recovers the job on another node (or after the restart).
        await _node.Firing.FireAsync(id, recovering: true, CancellationToken.None);

        Assert.Equal(1, await CampaignsOfAsync(_bed, _page));
        var reminder = Assert.Single(await ListAsync());
        Assert.Equal(("fired", first), (reminder.State, reminder.CampaignId));
    }

    [Fact]
    public async Task A_node_that_died_before_creating_the_campaign_has_it_created_on_recovery()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine);
        var id = await OnlyReminderIdAsync();
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 8, 0, 1, TimeSpan.Zero));
        Assert.NotNull(await new ReminderRepository(_bed.Database.Connections).ClaimAsync(id, false, Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None));

        Time.Advance(TimeSpan.FromMinutes(1));
        await _node.Firing.FireAsync(id, recovering: true, CancellationToken.None);

        Assert.Equal(1, await CampaignsOfAsync(_bed, _page));
        Assert.Equal("fired", Assert.Single(await ListAsync()).State);
    }

    [Fact]
    public async Task A_reminder_missed_while_the_site_was_down_is_sent_within_the_grace()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine);
        // Due at 09:00; the site came back at 10:59 (grace two hours).
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 9, 59, 0, TimeSpan.Zero));

        await _node.Firing.FireAsync(await OnlyReminderIdAsync(), recovering: false, CancellationToken.None);

        Assert.Equal("fired", Assert.Single(await ListAsync()).State);
        Assert.Equal(1, await CampaignsOfAsync(_bed, _page));
    }

    [Fact]
    public async Task A_reminder_missed_beyond_the_grace_is_skipped_and_listed_as_skipped()
    {
        await ScheduleAsync(EventStart, DayBeforeAtNine);
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 10, 0, 1, TimeSpan.Zero));

        await _node.Firing.FireAsync(await OnlyReminderIdAsync(), recovering: false, CancellationToken.None);

        var reminder = Assert.Single(await ListAsync());
        Assert.Equal(("skipped", (long?)null), (reminder.State, reminder.CampaignId));
        Assert.Equal(0, await CampaignsOfAsync(_bed, _page));
    }

    [Fact]
    public async Task A_reminder_missed_until_the_event_started_is_skipped_even_within_the_grace()
    {
        await ScheduleAsync(EventStart, TwoHoursBefore);
        // Due at 16:00 local; back at 18:00, the start, which is still within the two hours' grace.
        Time.SetUtcNow(EventStart);

        await _node.Firing.FireAsync(await OnlyReminderIdAsync(), recovering: false, CancellationToken.None);

        Assert.Equal("skipped", Assert.Single(await ListAsync()).State);
        Assert.Equal(0, await CampaignsOfAsync(_bed, _page));
    }
}
