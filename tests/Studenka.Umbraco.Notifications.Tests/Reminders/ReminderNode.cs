using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Tests.Campaigns;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Tests.Reminders;

/// <summary>
/// One server of the town: the package's reminder services registered by <c>AddReminders</c> over the
/// test bed's database and campaign service, with its own Quartz scheduler (and, on PostgreSQL, its
/// own connection pool). Quartz's waits are short so that real-time tests take seconds.
/// </summary>
internal sealed class ReminderNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly PostgresConnectionFactory? _ownPool;

    private ReminderNode(ServiceProvider services, PostgresConnectionFactory? ownPool)
    {
        _services = services;
        _ownPool = ownPool;
    }

    public IReminderScheduler Scheduler => _services.GetRequiredService<IReminderScheduler>();

    public ReminderFiring Firing => _services.GetRequiredService<ReminderFiring>();

    public SchedulerStarter Starter => _services.GetRequiredService<SchedulerStarter>();

    public QuartzScheduler Quartz => _services.GetRequiredService<QuartzScheduler>();

    public RecurringAnnouncements Recurring => _services.GetRequiredService<RecurringAnnouncements>();

    public RecurringFiring RecurringFiring => _services.GetRequiredService<RecurringFiring>();

    /// <summary>A node over <paramref name="bed"/>'s database; started (firing triggers) unless <paramref name="start"/> is false.</summary>
    public static async Task<ReminderNode> CreateAsync(
        CampaignTestBed bed, TimeProvider time, string instanceId, bool start = true, TimeSpan? grace = null, IServerRoleAccessor? role = null,
        IRuntimeState? runtime = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Studenka:Reminders:InstanceId"] = instanceId,
            ["Studenka:Reminders:MisfireGrace"] = (grace ?? TimeSpan.FromHours(2)).ToString("c"),
            ["Studenka:Reminders:IdleWaitTime"] = "00:00:01",
            ["Studenka:Reminders:MisfireThreshold"] = "00:00:00.5",
            ["Studenka:Reminders:ClusterCheckinInterval"] = "00:00:00.5",
        }).Build();
        var ownPool = bed.Database.Engine == DatabaseProvider.PostgreSql ? new PostgresConnectionFactory(bed.Database.ConnectionString) : null;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<IDbConnectionFactory>(ownPool ?? bed.Database.Connections);
        services.AddSingleton(bed.Service);
        services.AddSingleton<CampaignRepository>();
        services.AddSingleton(bed.Audit);
        services.AddSingleton(new TownCalendar(Options.Create(new SubscriptionOptions()), time));
        if (role is not null)
        {
            services.AddSingleton(role);
        }

        if (runtime is not null)
        {
            services.AddSingleton(runtime);
        }

        services.AddReminders(configuration);
        var node = new ReminderNode(services.BuildServiceProvider(), ownPool);
        if (start)
        {
            await node.Starter.FollowRoleAsync(CancellationToken.None);
        }

        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownPool is not null)
        {
            await _ownPool.DisposeAsync();
        }
    }
}

/// <summary>What a test reads back about reminders and their campaigns.</summary>
internal static class ReminderChecks
{
    public static ReminderRequest Request(Guid key, DateTimeOffset eventStart, params ReminderOffset[] offsets) =>
        new(key, "eventPage", eventStart, 1, [], [], "Zítra v 18:00 koncert na náměstí.", offsets, "Eva Editorová", "https://www.studenka.cz/akce/koncert");

    public static async Task<long> CampaignsOfAsync(CampaignTestBed bed, Guid key)
    {
        await using var connection = await bed.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM campaigns WHERE content_key = @key", new { key = key.ToString("D") });
    }

    public static async Task<long> QuartzTriggersAsync(CampaignTestBed bed)
    {
        await using var connection = await bed.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_group = @group", new { group = QuartzReminderScheduler.TriggerGroup });
    }

    /// <summary>Polls the page's reminders (real time) until one is no longer scheduled, or the time is up.</summary>
    public static async Task<IReadOnlyList<ScheduledReminder>> WaitUntilDoneAsync(IReminderScheduler scheduler, Guid key, TimeSpan within)
    {
        var until = TimeProvider.System.GetUtcNow() + within;
        IReadOnlyList<ScheduledReminder> reminders;
        do
        {
            await Task.Delay(100);
            reminders = await scheduler.ListAsync(key, CancellationToken.None);
        }
        while (reminders.Any(r => r.State == ReminderStates.Scheduled) && TimeProvider.System.GetUtcNow() < until);

        return reminders;
    }
}
