using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Tests.Campaigns;
using Dapper;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

/// <summary>
/// Recurring announcements over the real Quartz job store (SQLite), the clock faked at Friday
/// 27 November 2026, 10:00 in Studénka; the tests fire the job themselves.
/// </summary>
public sealed class RecurringAnnouncementsTests : IAsyncLifetime
{
    private static readonly OperatorIdentity Admin = new("1", "Alena Správcová", OperatorRole.Administrator);
    private CampaignTestBed _bed = null!;
    private ReminderNode _node = null!;

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

    private async Task<RecurringAnnouncement> WasteCollectionAsync(int weekInterval = 1, string cron = "0 0 7 ? * TUE")
    {
        var street = await _bed.StreetIdAsync("Studénka", "Poštovní");
        var result = await _node.Recurring.CreateAsync(
            new RecurringInput("Svoz odpadu – obvod 2", cron, "Zítra ráno svoz komunálního odpadu. Připravte popelnice.", 2, [], [street], weekInterval, "2026-11-23"),
            Admin, CancellationToken.None);
        return result.Announcement ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Values));
    }

    private async Task<long> CampaignCountAsync() => await _bed.CountAsync("campaigns");

    [Fact]
    public async Task A_weekly_announcement_is_stored_scheduled_for_its_next_Tuesday_and_audited()
    {
        var created = await WasteCollectionAsync();

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(1)), created.NextFireAt);
        var listed = Assert.Single(await _node.Recurring.ListAsync(CancellationToken.None));
        Assert.Equal((created.Id, "Svoz odpadu – obvod 2", created.NextFireAt, "Alena Správcová (1)"), (listed.Id, listed.Name, listed.NextFireAt, listed.UpdatedBy));
        var audit = Assert.Single(await _bed.Audit.ReadAsync(10, CancellationToken.None), e => e.Action == "recurring.create");
        Assert.Equal($"recurring:{created.Id}", audit.Subject);
    }

    [Fact]
    public async Task The_next_firing_skips_a_Tuesday_that_is_a_public_holiday()
    {
        // Monday 5 July 2027 is a holiday too; Tuesday 6 July (Jan Hus) is the one the cron names.
        _bed.Time.SetUtcNow(new DateTimeOffset(2027, 7, 1, 8, 0, 0, TimeSpan.Zero));

        var created = await WasteCollectionAsync();

        Assert.Equal(new DateTimeOffset(2027, 7, 13, 7, 0, 0, TimeSpan.FromHours(2)), created.NextFireAt);
    }

    [Fact]
    public async Task A_bad_cron_text_package_or_street_gets_Czech_errors_and_nothing_is_stored()
    {
        var result = await _node.Recurring.CreateAsync(
            new RecurringInput("", "každé úterý", "", 9, [], [999_999], 0, "1. 12. 2026"), Admin, CancellationToken.None);

        Assert.Null(result.Announcement);
        Assert.Equal(["cron", "name", "packageId", "startsOn", "streetIds", "text", "weekInterval"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("0 0 7 ? * TUE", result.Errors["cron"], StringComparison.Ordinal);
        Assert.Empty(await _node.Recurring.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_cron_that_never_fires_again_is_refused()
    {
        var result = await _node.Recurring.CreateAsync(
            new RecurringInput("Jednou", "0 0 7 1 1 ? 2020", "Text", 3), Admin, CancellationToken.None);

        Assert.Equal("Tento rozvrh už nikdy nenastane.", result.Errors["cron"]);
    }

    [Fact]
    public async Task A_firing_creates_one_due_campaign_for_the_streets_even_if_two_nodes_fire_it()
    {
        var created = await WasteCollectionAsync();
        var tuesday = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(1));

        await _node.RecurringFiring.FireAsync(created.Id, tuesday, CancellationToken.None);
        await _node.RecurringFiring.FireAsync(created.Id, tuesday, CancellationToken.None);

        Assert.Equal(1, await CampaignCountAsync());
        var listed = Assert.Single(await _node.Recurring.ListAsync(CancellationToken.None));
        var campaign = (await _bed.Service.GetAsync(listed.LastCampaignId!.Value, CancellationToken.None))!.Campaign;
        Assert.Equal(("scheduled", 2), (campaign.State, campaign.PackageId));
        Assert.Equal(created.StreetIds, campaign.StreetIds);
        Assert.Equal(tuesday, listed.LastFiredAt);
    }

    [Fact]
    public async Task Every_other_week_sends_only_in_the_weeks_counted_from_the_start()
    {
        // Starts in the week of Monday 23 November: 24 November and 8 December count, 1 December rests.
        var created = await WasteCollectionAsync(weekInterval: 2);

        await _node.RecurringFiring.FireAsync(created.Id, new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(1)), CancellationToken.None);
        Assert.Equal(0, await CampaignCountAsync());

        await _node.RecurringFiring.FireAsync(created.Id, new DateTimeOffset(2026, 12, 8, 7, 0, 0, TimeSpan.FromHours(1)), CancellationToken.None);
        Assert.Equal(1, await CampaignCountAsync());
    }

    [Fact]
    public async Task Every_other_week_lists_only_the_firings_that_send_as_the_next_ones()
    {
        // Starts in the week of Monday 23 November: Tuesday 1 December rests, 8 and 22 December and 5 January send.
        var created = await WasteCollectionAsync(weekInterval: 2);

        var plus1 = TimeSpan.FromHours(1);
        DateTimeOffset[] expected = [new(2026, 12, 8, 7, 0, 0, plus1), new(2026, 12, 22, 7, 0, 0, plus1), new(2027, 1, 5, 7, 0, 0, plus1)];
        Assert.Equal(expected, created.NextFirings);
        Assert.Equal(expected[0], created.NextFireAt);
        Assert.Equal(expected, Assert.Single(await _node.Recurring.ListAsync(CancellationToken.None)).NextFirings);
    }

    [Fact]
    public async Task The_next_firings_leave_out_the_Christmas_holidays()
    {
        _bed.Time.SetUtcNow(new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.Zero));

        var created = await WasteCollectionAsync(cron: "0 0 7 ? * THU");

        // Thursday 24 December is Štědrý den.
        var plus1 = TimeSpan.FromHours(1);
        Assert.Equal([new(2026, 12, 31, 7, 0, 0, plus1), new(2027, 1, 7, 7, 0, 0, plus1), new DateTimeOffset(2027, 1, 14, 7, 0, 0, plus1)], created.NextFirings);
    }

    [Fact]
    public async Task Updating_reschedules_and_deleting_removes_the_trigger()
    {
        var created = await WasteCollectionAsync();

        var updated = await _node.Recurring.UpdateAsync(created.Id,
            new RecurringInput("Zasedání zastupitelstva", "0 0 16 ? * MON#1", "Zasedání zastupitelstva dnes v 17:00 v sále radnice.", 3), Admin, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.FromHours(1)), updated.Announcement!.NextFireAt);

        Assert.True(await _node.Recurring.DeleteAsync(created.Id, Admin, CancellationToken.None));
        Assert.Empty(await _node.Recurring.ListAsync(CancellationToken.None));
        await using var connection = await _bed.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_group = @g", new { g = RecurringAnnouncements.TriggerGroup }));
        Assert.Equal(["recurring.create", "recurring.update", "recurring.delete"],
            (await _bed.Audit.ReadAsync(10, CancellationToken.None)).Where(e => e.Action.StartsWith("recurring.", StringComparison.Ordinal)).Select(e => e.Action).Reverse());
    }
}
