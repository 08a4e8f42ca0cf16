using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Tests.Campaigns;
using Studenka.Umbraco.Notifications.Tests.Umbraco;
using Quartz;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

/// <summary>Under Umbraco only the scheduling server fires triggers (Core's <see cref="IServerRoleAccessor"/>); the Site without one always does.</summary>
public sealed class SchedulerStarterTests
{
    private static async Task<bool> StartedOnAsync(IServerRoleAccessor? role, RuntimeLevel level = RuntimeLevel.Run)
    {
        await using var bed = await CampaignTestBed.CreateAsync(new CampaignOptions { QuietHours = [] });
        await using var node = await ReminderNode.CreateAsync(bed, TimeProvider.System, "role", role: role, runtime: role is null ? null : new FixedRuntimeState(level));
        var scheduler = await node.Quartz.GetAsync(CancellationToken.None);
        return scheduler.Status == SchedulerStatus.Running;
    }

    [Theory]
    [InlineData(ServerRole.Single)]
    [InlineData(ServerRole.SchedulingPublisher)]
    public async Task The_single_or_scheduling_server_fires_reminders(ServerRole role) =>
        Assert.True(await StartedOnAsync(new FixedServerRole(role)));

    [Theory]
    [InlineData(ServerRole.Subscriber)]
    [InlineData(ServerRole.Unknown)]
    public async Task A_subscriber_or_not_yet_elected_server_only_schedules_and_fires_nothing(ServerRole role) =>
        Assert.False(await StartedOnAsync(new FixedServerRole(role)));

    [Theory]
    [InlineData(RuntimeLevel.Install)]
    [InlineData(RuntimeLevel.Upgrade)]
    public async Task The_scheduling_server_fires_nothing_while_Umbraco_installs_or_upgrades(RuntimeLevel level) =>
        Assert.False(await StartedOnAsync(new FixedServerRole(ServerRole.SchedulingPublisher), level));

    [Fact]
    public async Task The_standalone_Site_without_server_roles_fires_reminders() =>
        Assert.True(await StartedOnAsync(null));

    [Fact]
    public async Task A_server_that_loses_the_scheduling_role_stops_firing()
    {
        await using var bed = await CampaignTestBed.CreateAsync(new CampaignOptions { QuietHours = [] });
        var role = new MovingServerRole { CurrentServerRole = ServerRole.SchedulingPublisher };
        await using var node = await ReminderNode.CreateAsync(bed, TimeProvider.System, "moving", role: role);

        role.CurrentServerRole = ServerRole.Subscriber;
        await node.Starter.FollowRoleAsync(CancellationToken.None);

        Assert.Equal(SchedulerStatus.Standby, (await node.Quartz.GetAsync(CancellationToken.None)).Status);
    }

    private sealed class MovingServerRole : IServerRoleAccessor
    {
        public ServerRole CurrentServerRole { get; set; }
    }
}
