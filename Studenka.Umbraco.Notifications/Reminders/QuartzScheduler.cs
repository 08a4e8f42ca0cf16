using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using Quartz.Impl.AdoJobStore;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// This node's Quartz scheduler over the package's own database (the <c>qrtz_</c> tables the
/// migrations made): SQLite through Microsoft.Data.Sqlite, or PostgreSQL clustered, so that several
/// nodes share the triggers and each fires once, on one node, even when the node that scheduled it
/// is gone. Built on first use and in standby: any node may schedule (a publish on a front-end
/// server writes the trigger rows), only <see cref="SchedulerStarter"/> makes one fire them.
/// </summary>
public sealed class QuartzScheduler(
    IServiceProvider services,
    IDbConnectionFactory connections,
    IOptions<ReminderOptions> options,
    IOptions<SubscriptionOptions> town,
    TimeProvider time) : IAsyncDisposable
{
    public const string TablePrefix = "qrtz_";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;

    public async Task<IScheduler> GetAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } built)
        {
            return built;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _scheduler ??= await BuildAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IScheduler> BuildAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var builder = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = settings.SchedulerName;
                if (!string.IsNullOrWhiteSpace(settings.InstanceId))
                {
                    s.InstanceId = settings.InstanceId;
                }
                else
                {
                    s.GenerateInstanceId = true;
                }

                s.IdleWaitTime = settings.IdleWaitTime;
            });
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(2);
            q.UseJobFactory(new ServiceJobFactory(services));
            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = TablePrefix;
                    o.MisfireThreshold = settings.MisfireThreshold;
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
                switch (connections)
                {
                    case PostgresConnectionFactory postgres:
                        store.UsePostgres(postgres.ConnectionString);
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = settings.ClusterCheckinInterval;
                            c.CheckinMisfireThreshold = settings.ClusterCheckinInterval * 2;
                        });
                        break;
                    case SqliteConnectionFactory sqlite:
                        store.UseSqlite(sqlite.ConnectionString);
                        break;
                    default:
                        throw new InvalidOperationException($"Reminders need the package's SQLite or PostgreSQL database, not {connections.GetType().Name}.");
                }
            });
        });
        var scheduler = await builder.BuildScheduler(cancellationToken);
        // The jobs the triggers name, stored once per database (replacing keeps them current after an upgrade).
        await scheduler.AddJob(QuartzReminderScheduler.JobDetail(), AddJobOptions.Replacing, cancellationToken);
        await scheduler.AddJob(RecurringAnnouncements.JobDetail(), AddJobOptions.Replacing, cancellationToken);
        // The holidays from this year on, rewritten at each start so the calendar never runs out.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(town.Value.TimeZone);
        var thisYear = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Year;
        await scheduler.AddCalendar(CzechHolidays.CalendarName, CzechHolidays.Calendar(thisYear, zone), AddCalendarOptions.ReplacingAndUpdatingTriggers, cancellationToken);
        return scheduler;
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        _gate.Dispose();
    }

    /// <summary>Jobs are the package's services (thin adapters), resolved from the host's container.</summary>
    private sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken)
        {
            var scope = services.CreateAsyncScope();
            var job = (IJob)scope.ServiceProvider.GetRequiredService(bundle.JobDetail.JobType.Type);
            return ValueTask.FromResult(new JobScope(job, scope));
        }

        public async ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken)
        {
            if (scope.State is AsyncServiceScope owned)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
