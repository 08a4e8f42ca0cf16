using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Quartz;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <param name="Cron">A Quartz cron expression (seconds minutes hours day-of-month month day-of-week), the town's time: "0 0 7 ? * TUE" = Tuesdays at 7:00.</param>
/// <param name="WeekInterval">Every n-th week of the cron's days, counted from <paramref name="StartsOn"/>'s week (2 = every other Tuesday); default 1.</param>
/// <param name="StartsOn">"yyyy-MM-dd"; default today.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecurringInput(
    string? Name, string? Cron, string? Text, int? PackageId, IReadOnlyList<long>? CityPartIds = null, IReadOnlyList<long>? StreetIds = null,
    int? WeekInterval = null, string? StartsOn = null);

/// <summary>A recurring announcement as the dashboard shows it, with its next firings (holidays and resting weeks skipped).</summary>
/// <param name="NextFireAt">The next firing that sends (the first of <paramref name="NextFirings"/>), null when none comes.</param>
/// <param name="NextFirings">The next <see cref="RecurringAnnouncements.UpcomingCount"/> firings that send.</param>
public sealed record RecurringAnnouncement(
    long Id, string Name, string Cron, int WeekInterval, string StartsOn, string Text, int PackageId, IReadOnlyList<long> CityPartIds,
    IReadOnlyList<long> StreetIds, DateTimeOffset? NextFireAt, DateTimeOffset? LastFiredAt, long? LastCampaignId, string UpdatedBy, DateTimeOffset UpdatedAt,
    IReadOnlyList<DateTimeOffset> NextFirings);

/// <summary>The outcome of a change: the announcement, or Czech errors per field, or not found.</summary>
public sealed record RecurringResult(RecurringAnnouncement? Announcement, IReadOnlyDictionary<string, string> Errors, bool NotFound = false);

/// <summary>
/// Recurring announcements an administrator sets up (waste collection every other Tuesday for a
/// district's streets, the monthly council meeting): stored in <c>recurring_announcements</c>, each with a
/// Quartz cron trigger in the town's zone that skips Czech public holidays (<see cref="CzechHolidays"/>).
/// Text, package and areas are checked as a campaign would be; every change is audited.
/// </summary>
public sealed class RecurringAnnouncements(
    RecurringAnnouncementRepository repository,
    QuartzScheduler quartz,
    CampaignService campaigns,
    AuditLog audit,
    TownCalendar calendar,
    IOptions<SubscriptionOptions> town,
    TimeProvider time)
{
    public const string TriggerGroup = "studenka-recurring";
    public const int MaxNameLength = 100;
    public const int MaxWeekInterval = 8;

    /// <summary>How many next firings the dashboard lists.</summary>
    public const int UpcomingCount = 3;

    private const int MaxCandidates = 2000;

    public static readonly JobKey Job = new("recurring", "studenka");

    public static IJobDetail JobDetail() => JobBuilder.Create<RecurringAnnouncementJob>().WithIdentity(Job).StoreDurably().Build();

    public static TriggerKey TriggerKeyOf(long id) => new(FormattableString.Invariant($"recurring-{id}"), TriggerGroup);

    public async Task<IReadOnlyList<RecurringAnnouncement>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetAsync(cancellationToken);
        var result = new List<RecurringAnnouncement>();
        foreach (var row in await repository.AllAsync(cancellationToken))
        {
            result.Add(await ViewAsync(scheduler, row, cancellationToken));
        }

        return result;
    }

    public async Task<RecurringResult> CreateAsync(RecurringInput input, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var (definition, errors) = await ValidateAsync(input, actor, cancellationToken);
        if (definition is null)
        {
            return new RecurringResult(null, errors);
        }

        var id = await repository.InsertAsync(definition, Actor(actor), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await ScheduleAsync(id, definition.Cron, cancellationToken);
        await audit.AppendAsync(actor, "recurring.create", Subject(id), Details(definition), cancellationToken);
        return await DoneAsync(id, cancellationToken);
    }

    public async Task<RecurringResult> UpdateAsync(long id, RecurringInput input, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var (definition, errors) = await ValidateAsync(input, actor, cancellationToken);
        if (definition is null)
        {
            return new RecurringResult(null, errors);
        }

        if (!await repository.UpdateAsync(id, definition, Actor(actor), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            return new RecurringResult(null, new Dictionary<string, string>(), NotFound: true);
        }

        await ScheduleAsync(id, definition.Cron, cancellationToken);
        await audit.AppendAsync(actor, "recurring.update", Subject(id), Details(definition), cancellationToken);
        return await DoneAsync(id, cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (!await repository.DeleteAsync(id, cancellationToken))
        {
            return false;
        }

        await (await quartz.GetAsync(cancellationToken)).UnscheduleJob(TriggerKeyOf(id), cancellationToken);
        await audit.AppendAsync(actor, "recurring.delete", Subject(id), null, cancellationToken);
        return true;
    }

    private async Task<RecurringResult> DoneAsync(long id, CancellationToken cancellationToken) =>
        new(await ViewAsync(await quartz.GetAsync(cancellationToken), (await repository.GetAsync(id, cancellationToken))!, cancellationToken), new Dictionary<string, string>());

    private async Task ScheduleAsync(long id, string cron, CancellationToken cancellationToken)
    {
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyOf(id))
            .ForJob(Job)
            .UsingJobData(RecurringAnnouncementJob.AnnouncementIdKey, id)
            // A firing missed while the site was down is not made up later: the next one comes as planned.
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .WithCalendarName(CzechHolidays.CalendarName)
            .Build();
        await (await quartz.GetAsync(cancellationToken)).ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(town.Value.TimeZone);

    private async Task<RecurringAnnouncement> ViewAsync(IScheduler scheduler, RecurringRow row, CancellationToken cancellationToken)
    {
        var trigger = await scheduler.GetTrigger(TriggerKeyOf(row.Id), cancellationToken);
        var next = trigger is null ? [] : Upcoming(trigger, await scheduler.GetCalendar(CzechHolidays.CalendarName, cancellationToken), row);
        return new RecurringAnnouncement(
            row.Id, row.Name, row.Cron, row.WeekInterval, row.StartsOn, row.Text, row.PackageId, row.CityParts, row.Streets,
            next.Count > 0 ? next[0] : null, row.LastFiredAtMs is { } fired ? DateTimeOffset.FromUnixTimeMilliseconds(fired) : null,
            row.LastCampaignId, row.UpdatedBy, DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAtMs), next);
    }

    /// <summary>
    /// The trigger's next firings that send: its own next one already skips holidays, the later ones are
    /// checked against the calendar here, and a firing in a resting week (<see cref="RecurringFiring.InCountedWeek"/>)
    /// does nothing, so it is left out. At most <see cref="MaxCandidates"/> are looked at (a cron every minute).
    /// </summary>
    private List<DateTimeOffset> Upcoming(ITrigger trigger, ICalendar? holidays, RecurringRow row)
    {
        var startsOn = DateOnly.ParseExact(row.StartsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var result = new List<DateTimeOffset>(UpcomingCount);
        var at = trigger.NextFireTimeUtc;
        for (var looked = 0; at is { } candidate && result.Count < UpcomingCount && looked < MaxCandidates; looked++, at = trigger.GetFireTimeAfter(candidate))
        {
            var day = DateOnly.FromDateTime(calendar.ToLocal(candidate).DateTime);
            if ((holidays?.IsTimeIncluded(candidate) ?? true) && RecurringFiring.InCountedWeek(day, startsOn, row.WeekInterval))
            {
                result.Add(candidate);
            }
        }

        return result;
    }

    private async Task<(RecurringDefinition? Definition, IReadOnlyDictionary<string, string> Errors)> ValidateAsync(
        RecurringInput input, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            errors["name"] = $"Zadejte název opakované zprávy (nejvýše {MaxNameLength} znaků).";
        }

        var cron = input.Cron?.Trim() ?? "";
        if (!CronExpression.TryParse(cron, out var expression))
        {
            errors["cron"] = "Rozvrh zadejte jako cron výraz Quartz: sekundy minuty hodiny den-v-měsíci měsíc den-v-týdnu, např. „0 0 7 ? * TUE“ (každé úterý v 7:00) nebo „0 0 16 ? * MON#1“ (první pondělí v měsíci v 16:00).";
        }
        else if (expression.WithTimeZone(Zone).GetNextValidTimeAfter(time.GetUtcNow()) is null)
        {
            errors["cron"] = "Tento rozvrh už nikdy nenastane.";
        }

        var interval = input.WeekInterval ?? 1;
        if (interval is < 1 or > MaxWeekInterval)
        {
            errors["weekInterval"] = $"Opakování po týdnech zadejte jako číslo 1 až {MaxWeekInterval} (2 = každý druhý týden).";
        }

        var startsOn = DateOnly.FromDateTime(calendar.ToLocal(time.GetUtcNow()).DateTime);
        if (!string.IsNullOrWhiteSpace(input.StartsOn) && !DateOnly.TryParseExact(input.StartsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out startsOn))
        {
            errors["startsOn"] = "Začátek zadejte jako datum ve tvaru RRRR-MM-DD, např. 2026-12-01.";
        }

        // Text, package and areas as a campaign of them would be checked (and who may send the package).
        var draft = new CampaignDraft(input.PackageId, input.CityPartIds, input.StreetIds, input.Text);
        var (_, campaignErrors, forbidden) = await campaigns.PreviewAsync(draft, actor, cancellationToken);
        foreach (var (field, message) in campaignErrors)
        {
            errors[field] = message;
        }

        if (forbidden is not null)
        {
            errors["packageId"] = forbidden;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RecurringDefinition(name, cron, interval, startsOn, input.Text!.Trim(), input.PackageId!.Value, input.CityPartIds ?? [], input.StreetIds ?? []), errors);
    }

    private static string Actor(OperatorIdentity actor) => $"{actor.DisplayName} ({actor.Id})";

    private static string Subject(long id) => string.Create(CultureInfo.InvariantCulture, $"recurring:{id}");

    private static string Details(RecurringDefinition d) =>
        string.Create(CultureInfo.InvariantCulture, $"name={d.Name}; cron={d.Cron}; every {d.WeekInterval} week(s) from {d.StartsOn:yyyy-MM-dd}; package={d.PackageId}");
}
