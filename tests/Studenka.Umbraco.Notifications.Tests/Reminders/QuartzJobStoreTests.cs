using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Tests.Campaigns;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Notifications.Tests.Reminders.ReminderChecks;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

/// <summary>
/// Real Quartz schedulers on the package's database, on the real clock (Quartz waits in real time):
/// reminders due a few seconds ahead, Quartz's waits a fraction of a second. "Two hours before" an
/// event two hours and a few seconds away is a reminder due in a few seconds.
/// </summary>
public sealed class QuartzJobStoreTests
{
    private static readonly ReminderOffset TwoHoursBefore = ReminderOffset.BeforeStart(TimeSpan.FromHours(2));

    private static ReminderRequest DueIn(Guid page, TimeSpan wait) =>
        Request(page, TimeProvider.System.GetUtcNow() + TimeSpan.FromHours(2) + wait, TwoHoursBefore);

    private static Task<CampaignTestBed> BedAsync(DatabaseProvider engine = DatabaseProvider.Sqlite) =>
        CampaignTestBed.CreateAsync(new CampaignOptions { QuietHours = [] }, engine);

    [Fact]
    public async Task A_reminder_scheduled_before_a_restart_fires_once_on_the_scheduler_started_after_it()
    {
        await using var bed = await BedAsync();
        var page = Guid.NewGuid();
        await using (var before = await ReminderNode.CreateAsync(bed, TimeProvider.System, "before-restart"))
        {
            await before.Scheduler.ScheduleAsync(DueIn(page, TimeSpan.FromSeconds(2)), CancellationToken.None);
        }

        await using var after = await ReminderNode.CreateAsync(bed, TimeProvider.System, "after-restart");
        var reminder = Assert.Single(await WaitUntilDoneAsync(after.Scheduler, page, TimeSpan.FromSeconds(20)));

        Assert.Equal("fired", reminder.State);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CampaignsOfAsync(bed, page));
        Assert.Equal(0, await QuartzTriggersAsync(bed));
    }

    [Fact]
    public async Task A_reminder_missed_while_no_scheduler_ran_is_sent_when_one_starts_within_the_grace()
    {
        await using var bed = await BedAsync();
        var page = Guid.NewGuid();
        await using var node = await ReminderNode.CreateAsync(bed, TimeProvider.System, "late", start: false);
        await node.Scheduler.ScheduleAsync(DueIn(page, TimeSpan.FromMilliseconds(500)), CancellationToken.None);
        // Down past the due time and Quartz's misfire threshold (0.5 s): this is a misfire, not a late fire.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await node.Starter.FollowRoleAsync(CancellationToken.None);

        Assert.Equal("fired", Assert.Single(await WaitUntilDoneAsync(node.Scheduler, page, TimeSpan.FromSeconds(20))).State);
        Assert.Equal(1, await CampaignsOfAsync(bed, page));
    }

    [Fact]
    public async Task A_reminder_missed_beyond_the_grace_is_skipped_when_a_scheduler_starts()
    {
        await using var bed = await BedAsync();
        var page = Guid.NewGuid();
        await using var node = await ReminderNode.CreateAsync(bed, TimeProvider.System, "too-late", start: false, grace: TimeSpan.FromSeconds(1));
        await node.Scheduler.ScheduleAsync(DueIn(page, TimeSpan.FromMilliseconds(500)), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await node.Starter.FollowRoleAsync(CancellationToken.None);

        Assert.Equal("skipped", Assert.Single(await WaitUntilDoneAsync(node.Scheduler, page, TimeSpan.FromSeconds(20))).State);
        Assert.Equal(0, await CampaignsOfAsync(bed, page));
    }

    [PostgresFact]
    public async Task Two_clustered_nodes_fire_a_reminder_once_even_when_the_node_that_scheduled_it_is_gone()
    {
        await using var bed = await BedAsync(DatabaseProvider.PostgreSql);
        var page = Guid.NewGuid();
        await using var survivor = await ReminderNode.CreateAsync(bed, TimeProvider.System, "node-b");
        await using (var scheduling = await ReminderNode.CreateAsync(bed, TimeProvider.System, "node-a"))
        {
            await scheduling.Scheduler.ScheduleAsync(DueIn(page, TimeSpan.FromSeconds(2)), CancellationToken.None);
        }

        var reminder = Assert.Single(await WaitUntilDoneAsync(survivor.Scheduler, page, TimeSpan.FromSeconds(20)));

        Assert.Equal("fired", reminder.State);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CampaignsOfAsync(bed, page));
    }

    [PostgresFact]
    public async Task Two_clustered_nodes_running_together_fire_each_reminder_once()
    {
        await using var bed = await BedAsync(DatabaseProvider.PostgreSql);
        await using var nodeA = await ReminderNode.CreateAsync(bed, TimeProvider.System, "node-a");
        await using var nodeB = await ReminderNode.CreateAsync(bed, TimeProvider.System, "node-b");
        var pages = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (page, i) in pages.Select((p, i) => (p, i)))
        {
            await (i % 2 == 0 ? nodeA : nodeB).Scheduler.ScheduleAsync(DueIn(page, TimeSpan.FromSeconds(2)), CancellationToken.None);
        }

        foreach (var page in pages)
        {
            Assert.Equal("fired", Assert.Single(await WaitUntilDoneAsync(nodeA.Scheduler, page, TimeSpan.FromSeconds(20))).State);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var page in pages)
        {
            Assert.Equal(1, await CampaignsOfAsync(bed, page));
        }
    }

    [PostgresFact]
    public async Task Replacing_cancelling_and_recurring_definitions_work_on_PostgreSQL()
    {
        await using var bed = await BedAsync(DatabaseProvider.PostgreSql);
        await using var node = await ReminderNode.CreateAsync(bed, bed.Time, "pg", start: false);
        var page = Guid.NewGuid();
        var eventStart = new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.FromHours(1));
        await node.Scheduler.ScheduleAsync(Request(page, eventStart, TwoHoursBefore, ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0))), CancellationToken.None);
        await node.Scheduler.ScheduleAsync(Request(page, eventStart, TwoHoursBefore, ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0))), CancellationToken.None);
        Assert.Equal(2, await QuartzTriggersAsync(bed));

        await node.Scheduler.CancelAsync(page, CancellationToken.None);
        Assert.Equal(["cancelled", "cancelled"], (await node.Scheduler.ListAsync(page, CancellationToken.None)).Select(r => r.State));
        Assert.Equal(0, await QuartzTriggersAsync(bed));

        var created = await node.Recurring.CreateAsync(
            new RecurringInput("Svoz odpadu", "0 0 7 ? * TUE", "Zítra svoz odpadu.", 2), Notifications.Operators.OperatorIdentity.System, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(1)), created.Announcement!.NextFireAt);
        var tuesday = created.Announcement.NextFireAt!.Value;
        await node.RecurringFiring.FireAsync(created.Announcement.Id, tuesday, CancellationToken.None);
        await node.RecurringFiring.FireAsync(created.Announcement.Id, tuesday, CancellationToken.None);
        Assert.Equal(1, await bed.CountAsync("campaigns"));
    }
}
