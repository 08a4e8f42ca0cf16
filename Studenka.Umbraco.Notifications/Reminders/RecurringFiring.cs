using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// What a recurring announcement's firing does: in a week the interval counts (every other week from
/// its start), it claims the firing by its scheduled time (once, whichever node) and creates a due
/// campaign; the outbox does the rest. Holidays never fire at all (the trigger's calendar).
/// </summary>
public sealed class RecurringFiring(
    RecurringAnnouncementRepository repository, CampaignService campaigns, TownCalendar calendar, ILogger<RecurringFiring> logger)
{
    public async Task FireAsync(long id, DateTimeOffset scheduledAt, CancellationToken cancellationToken)
    {
        if (await repository.GetAsync(id, cancellationToken) is not { } definition)
        {
            return;
        }

        var day = DateOnly.FromDateTime(calendar.ToLocal(scheduledAt).DateTime);
        if (!InCountedWeek(day, DateOnly.ParseExact(definition.StartsOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), definition.WeekInterval))
        {
            logger.LogDebug("Recurring announcement {Id} rests on {Day} (every {Interval} weeks)", id, day, definition.WeekInterval);
            return;
        }

        if (await repository.ClaimFiringAsync(id, scheduledAt.ToUnixTimeMilliseconds(), cancellationToken) is not { } row)
        {
            return;
        }

        var actor = OperatorIdentity.System with { DisplayName = $"{OperatorIdentity.System.DisplayName}: opakovaná zpráva {row.Name}" };
        var result = await campaigns.CreateAsync(
            new CampaignDraft(row.PackageId, row.CityParts, row.Streets, row.Text, Schedule: new CampaignSchedule(null)), actor, cancellationToken);
        if (result.Campaign is { } campaign)
        {
            await repository.RecordCampaignAsync(id, campaign.Id, cancellationToken);
            logger.LogInformation("Recurring announcement {Id} created campaign {CampaignId}", id, campaign.Id);
            return;
        }

        logger.LogError("Recurring announcement {Id} made no campaign ({Outcome}: {Errors}{Reason})",
            id, result.Outcome, string.Join("; ", result.Errors?.Select(e => $"{e.Key}={e.Value}") ?? []), result.Reason);
    }

    /// <summary>Whether <paramref name="day"/>'s week (Monday to Sunday) is 0, n, 2n, ... weeks after the week of <paramref name="startsOn"/>.</summary>
    public static bool InCountedWeek(DateOnly day, DateOnly startsOn, int interval)
    {
        static int Monday(DateOnly d) => d.DayNumber - (((int)d.DayOfWeek + 6) % 7);
        var weeks = (Monday(day) - Monday(startsOn)) / 7;
        return weeks >= 0 && weeks % interval == 0;
    }
}
