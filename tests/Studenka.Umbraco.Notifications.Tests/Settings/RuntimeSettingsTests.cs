using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Tests.Campaigns;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Tests.Settings;

/// <summary>Settings stored over the configuration's defaults, audited, in force without a restart on every node.</summary>
public sealed class RuntimeSettingsTests : IAsyncLifetime
{
    private static readonly OperatorIdentity Admin = new("1", "Jana Správcová", OperatorRole.Administrator);
    private CampaignTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await CampaignTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Nothing_stored_means_the_configuration_and_a_stored_value_replaces_it()
    {
        var defaults = await _bed.Settings.CurrentAsync(CancellationToken.None);
        Assert.Equal(0.90m, defaults.PricePerSegmentCzk);
        Assert.Equal([2, 3, 4], defaults.QuietHours.Select(w => w.PackageId));
        Assert.Contains(defaults.Templates, t => t.Key == "flood" && t.Package == 1);

        var changed = await _bed.Settings.SetAsync(SettingNames.Price, 1.25m, Admin, CancellationToken.None);

        Assert.Equal(1.25m, changed.PricePerSegmentCzk);
        Assert.Equal("Jana Správcová", changed.Changes[SettingNames.Price].ChangedBy);
        Assert.Equal(defaults.QuietHours, changed.QuietHours);
        Assert.Equal(0.90m, (await _bed.Settings.ResetAsync(SettingNames.Price, Admin, CancellationToken.None)).PricePerSegmentCzk);
    }

    [Fact]
    public async Task Every_change_is_audited_with_the_old_and_the_new_value()
    {
        await _bed.Settings.SetAsync<IReadOnlyList<QuietWindow>>(SettingNames.QuietHours, [new QuietWindow(2, "22:00", "06:30")], Admin, CancellationToken.None);
        await _bed.Settings.ResetAsync(SettingNames.QuietHours, Admin, CancellationToken.None);

        await using var connection = await _bed.Database.OpenAsync();
        var rows = (await connection.QueryAsync<(string Actor, string Action, string Subject, string Details)>(
            "SELECT actor, action, subject, details FROM audit_log WHERE action LIKE 'settings.%' ORDER BY id")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("Jana Správcová (1)", "settings.changed", "quiet-hours"), (rows[0].Actor, rows[0].Action, rows[0].Subject));
        Assert.Equal(
            """[{"packageId":2,"start":"21:00","end":"07:00"},{"packageId":3,"start":"21:00","end":"07:00"},{"packageId":4,"start":"21:00","end":"07:00"}] → [{"packageId":2,"start":"22:00","end":"06:30"}]""",
            rows[0].Details);
        Assert.Equal("settings.reset", rows[1].Action);
        Assert.StartsWith("""[{"packageId":2,"start":"22:00","end":"06:30"}] → [{"packageId":2,"start":"21:00""", rows[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_reflects_new_quiet_hours_and_price_at_once()
    {
        var draft = new CampaignDraft(2, null, null, "Odstávka vody");
        var before = (await _bed.Previews.PreviewAsync(draft, CancellationToken.None)).Preview!;
        Assert.False(before.QuietHoursApply);

        // 10:00 in Studénka: inside a new 09:00–12:00 window, so the message waits for 12:00 local (11:00 UTC).
        await _bed.Settings.SetAsync<IReadOnlyList<QuietWindow>>(SettingNames.QuietHours, [new QuietWindow(2, "09:00", "12:00")], Admin, CancellationToken.None);
        await _bed.Settings.SetAsync(SettingNames.Price, 2m, Admin, CancellationToken.None);
        await _bed.AddSubscriberAsync("+420603000001", [2], [(await _bed.PartIdAsync("Butovice"), null)]);
        var after = (await _bed.Previews.PreviewAsync(draft, CancellationToken.None)).Preview!;

        Assert.True(after.QuietHoursApply);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), after.DueAt);
        Assert.Equal(2m, after.EstimatedCostCzk);
    }

    [Fact]
    public async Task Another_node_sees_a_change_within_the_cache_time_without_a_restart()
    {
        var otherNode = new RuntimeSettings(_bed.Database.Connections, _bed.Audit,
            new TownCalendar(Options.Create(new SubscriptionOptions()), _bed.Time), Options.Create(new CampaignOptions()), Options.Create(_bed.Sms),
            Options.Create(new PrivacyOptions()), Options.Create(new SubscriptionOptions()), _bed.Time, NullLogger<RuntimeSettings>.Instance);
        Assert.Equal(0.90m, (await otherNode.CurrentAsync(CancellationToken.None)).PricePerSegmentCzk);

        await _bed.Settings.SetAsync(SettingNames.Price, 0.5m, Admin, CancellationToken.None);
        _bed.Time.Advance(RuntimeSettings.CacheFor);

        Assert.Equal(0.5m, (await otherNode.CurrentAsync(CancellationToken.None)).PricePerSegmentCzk);
    }

    [Fact]
    public async Task A_role_limited_to_listed_senders_may_use_those_and_the_default_but_no_other()
    {
        await _bed.Settings.SetAsync(SettingNames.Originators, new RoleOriginators(null, null, ["MP Studenka"]), Admin, CancellationToken.None);
        var dispatch = new OperatorIdentity("9", "Hlídka", OperatorRole.Dispatch);
        var part = await _bed.PartIdAsync("Butovice");
        CampaignDraft Draft(string? sender) => new(1, [part], null, "Uzavírka mostu", Originator: sender);

        var refused = await _bed.Service.CreateAsync(Draft("Hasici"), dispatch, CancellationToken.None);
        Assert.Equal("Role Dispečink smí posílat jen pod odesílatelem: Studenka, MP Studenka.", refused.Errors!["originator"]);
        Assert.NotNull((await _bed.Service.CreateAsync(Draft("MP Studenka"), dispatch, CancellationToken.None)).Campaign);
        Assert.NotNull((await _bed.Service.CreateAsync(Draft(null), dispatch, CancellationToken.None)).Campaign);
        Assert.NotNull((await _bed.Service.CreateAsync(Draft("Hasici"), _bed.Actor, CancellationToken.None)).Campaign);
    }
}
