using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// Makes this node's Quartz scheduler fire triggers, on the one server that should. Under Umbraco that
/// is the server whose role (<see cref="IServerRoleAccessor"/>) is Single or SchedulingPublisher, and
/// only while Umbraco runs (not during install or upgrade); the role is elected after start and may
/// move, so it is asked again every <see cref="RoleCheckInterval"/> and the scheduler follows it into
/// standby and back. The standalone Site has no role accessor: every Site node runs its scheduler and
/// Quartz's clustering (PostgreSQL) fires each trigger on one of them.
/// </summary>
public sealed class SchedulerStarter(
    QuartzScheduler quartz, TimeProvider time, ILogger<SchedulerStarter> logger, IServerRoleAccessor? roles = null, IRuntimeState? runtime = null)
    : BackgroundService
{
    public static readonly TimeSpan RoleCheckInterval = TimeSpan.FromMinutes(1);

    private bool _running;

    /// <summary>Whether this server should fire triggers now.</summary>
    public bool ShouldSchedule()
    {
        if (runtime is not null && runtime.Level != RuntimeLevel.Run)
        {
            return false;
        }

        return roles is null || roles.CurrentServerRole is ServerRole.Single or ServerRole.SchedulingPublisher;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RoleCheckInterval, time);
        do
        {
            await FollowRoleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Starts or pauses the scheduler to match <see cref="ShouldSchedule"/>.</summary>
    public async Task FollowRoleAsync(CancellationToken cancellationToken)
    {
        var should = ShouldSchedule();
        if (should == _running)
        {
            return;
        }

        var scheduler = await quartz.GetAsync(cancellationToken);
        if (should)
        {
            await scheduler.Start(cancellationToken);
            logger.LogInformation("Reminders: Quartz scheduler {Instance} started on this server", scheduler.SchedulerInstanceId);
        }
        else
        {
            await scheduler.Standby(cancellationToken);
            logger.LogInformation("Reminders: this server no longer schedules (server role); Quartz scheduler in standby");
        }

        _running = should;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_running)
        {
            var scheduler = await quartz.GetAsync(cancellationToken);
            try
            {
                await scheduler.Standby(cancellationToken);
            }
            catch (SchedulerException e)
            {
                // Shut down already (the host disposing its services first): nothing is left to pause.
                logger.LogDebug(e, "Reminders: the Quartz scheduler was shut down before it could be paused");
            }

            _running = false;
        }
    }
}
