using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

/// <summary>The campaign service asks <see cref="OperatorPermissions"/> before every command, whoever calls it.</summary>
public sealed class CampaignPermissionTests : IAsyncLifetime
{
    private static readonly OperatorIdentity Editor = new("e", "Eva Redaktorová", OperatorRole.Editor);
    private static readonly OperatorIdentity Dispatch = new("d", "Městská policie", OperatorRole.Dispatch);
    private static readonly OperatorIdentity Administrator = new("a", "Jana Nováková", OperatorRole.Administrator);

    private CampaignTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await CampaignTestBed.CreateAsync();

    public Task DisposeAsync() => _bed.DisposeAsync().AsTask();

    private static CampaignDraft Draft(int package) => new(package, null, null, "Voda stoupá, připravte pytle s pískem.");

    private async Task<Campaign> CreatedAsync(int package, OperatorIdentity? by = null) =>
        (await _bed.Service.CreateAsync(Draft(package), by ?? Administrator, CancellationToken.None)).Campaign!;

    [Fact]
    public async Task An_editor_can_neither_preview_nor_create_a_crisis_message_and_nothing_is_stored()
    {
        var (preview, _, forbidden) = await _bed.Service.PreviewAsync(Draft(1), Editor, CancellationToken.None);
        var created = await _bed.Service.CreateAsync(Draft(1), Editor, CancellationToken.None);

        Assert.Null(preview);
        Assert.Equal("Role Redaktor nesmí posílat zprávy balíčku 1; smí jen balíčky 2, 3, 4.", forbidden);
        Assert.Equal((CampaignOutcome.Forbidden, forbidden), (created.Outcome, created.Reason));
        Assert.Equal(0, await _bed.CountAsync("campaigns"));
    }

    [Fact]
    public async Task An_editor_cannot_send_schedule_or_cancel_a_crisis_draft_someone_else_wrote()
    {
        var crisis = await CreatedAsync(1, Dispatch);

        var send = await _bed.Service.SendNowAsync(crisis.Id, Editor, CancellationToken.None);
        var schedule = await _bed.Service.ScheduleAsync(crisis.Id, "2026-11-27T12:00:00+01:00", Editor, CancellationToken.None);
        var cancel = await _bed.Service.CancelAsync(crisis.Id, "omyl", Editor, CancellationToken.None);

        Assert.Equal([CampaignOutcome.Forbidden, CampaignOutcome.Forbidden, CampaignOutcome.Forbidden], new[] { send.Outcome, schedule.Outcome, cancel.Outcome });
        Assert.Equal(CampaignStates.Draft, (await _bed.Repository.GetAsync(crisis.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Dispatch_sends_packages_one_and_two_but_not_three()
    {
        var crisis = await _bed.Service.CreateAsync(Draft(1) with { Schedule = new(null) }, Dispatch, CancellationToken.None);
        var operational = await _bed.Service.CreateAsync(Draft(2) with { Schedule = new(null) }, Dispatch, CancellationToken.None);
        var council = await _bed.Service.CreateAsync(Draft(3), Dispatch, CancellationToken.None);
        var editorsDraft = await CreatedAsync(3, Editor);
        var sendEditors = await _bed.Service.SendNowAsync(editorsDraft.Id, Dispatch, CancellationToken.None);

        Assert.Equal((CampaignOutcome.Done, CampaignStates.Scheduled), (crisis.Outcome, crisis.Campaign!.State));
        Assert.Equal((CampaignOutcome.Done, CampaignStates.Scheduled), (operational.Outcome, operational.Campaign!.State));
        Assert.Equal((CampaignOutcome.Forbidden, CampaignOutcome.Forbidden), (council.Outcome, sendEditors.Outcome));
    }

    [Fact]
    public async Task Dispatch_at_night_sends_a_crisis_message_at_once_while_package_two_still_waits_for_the_morning()
    {
        _bed.Time.Advance(TimeSpan.FromHours(13)); // 23:00 in Studénka

        var crisis = (await _bed.Service.CreateAsync(Draft(1) with { Schedule = new(null) }, Dispatch, CancellationToken.None)).Campaign!;
        var operational = (await _bed.Service.CreateAsync(Draft(2) with { Schedule = new(null) }, Dispatch, CancellationToken.None)).Campaign!;

        Assert.Equal(_bed.Time.GetUtcNow(), crisis.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.FromHours(1)), operational.DueAt);
    }

    [Fact]
    public async Task The_system_actor_may_send_every_package_without_a_request()
    {
        foreach (var package in new[] { 1, 2, 3, 4 })
        {
            Assert.Equal(CampaignOutcome.Done, (await _bed.Service.CreateAsync(Draft(package), OperatorIdentity.System, CancellationToken.None)).Outcome);
        }

        var audit = await _bed.Audit.ReadAsync(10, CancellationToken.None);
        Assert.All(audit, e => Assert.Equal("Systém (system)", e.Actor));
    }

    [Fact]
    public async Task The_list_carries_each_campaigns_progress()
    {
        var crisis = await CreatedAsync(1);
        await _bed.StartSendingAsync(crisis.Id, "+420603000001", "+420603000002");
        await using (var connection = await _bed.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE outbox SET status = 'failed' WHERE address = '+420603000002'");
        }

        var (page, _) = await _bed.Service.ListAsync(null, 0, 10, CancellationToken.None);

        var delivery = Assert.Single(page!.Items).Delivery!;
        Assert.Equal((2, 1, 1), (delivery.Total, delivery.Pending, delivery.Failed));
    }
}
