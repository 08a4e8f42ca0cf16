using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>
/// What a fired reminder does: it claims its row (so it happens once, whichever node fires it), then
/// either creates a due campaign — the outbox does the rest — or, when it is too late, skips. Too late
/// means missed by more than <see cref="ReminderOptions.MisfireGrace"/> (the site was down) or the event
/// has already started: a reminder after the event is worse than none.
/// </summary>
public sealed class ReminderFiring(
    ReminderRepository reminders,
    CampaignService campaigns,
    CampaignRepository campaignRows,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderFiring> logger)
{
    public async Task FireAsync(long reminderId, bool recovering, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var diedWhileFiring = recovering ? await reminders.FiringSinceAsync(reminderId, cancellationToken) : null;
        if (await reminders.ClaimAsync(reminderId, recovering, now.ToUnixTimeMilliseconds(), cancellationToken) is not { } reminder)
        {
            // Replaced, cancelled or already fired: the row says so, nothing to do.
            logger.LogDebug("Reminder {ReminderId} is no longer due", reminderId);
            return;
        }

        if (diedWhileFiring is { } claimedAtMs && await CreatedByThatClaimAsync(reminder, claimedAtMs, cancellationToken) is { } created)
        {
            // The node died between creating the campaign and recording it; Quartz recovered the job. Sending again would text everyone twice.
            logger.LogWarning("Reminder {ReminderId} of {ContentKey} was recovered after its campaign {CampaignId} had been created; not creating another",
                reminder.Id, reminder.ContentKey, created.Id);
            await reminders.FinishAsync(reminder.Id, ReminderStates.Fired, created.Id, now.ToUnixTimeMilliseconds(), cancellationToken);
            return;
        }

        var fireAt = DateTimeOffset.FromUnixTimeMilliseconds(reminder.FireAtMs);
        var eventStart = DateTimeOffset.FromUnixTimeMilliseconds(reminder.EventStartMs);
        if (now - fireAt > options.Value.MisfireGrace || now >= eventStart)
        {
            logger.LogWarning(
                "Reminder {ReminderId} of {ContentKey} skipped: due at {FireAt:O}, now {Now:O}, event starts {EventStart:O}, grace {Grace}",
                reminder.Id, reminder.ContentKey, fireAt, now, eventStart, options.Value.MisfireGrace);
            await reminders.FinishAsync(reminder.Id, ReminderStates.Skipped, null, now.ToUnixTimeMilliseconds(), cancellationToken);
            return;
        }

        var draft = new CampaignDraft(
            reminder.PackageId, reminder.CityParts, reminder.Streets, reminder.Text,
            Schedule: new CampaignSchedule(null),
            Source: new CampaignSourceInput("content", Guid.Parse(reminder.ContentKey), reminder.ContentUrl));
        // The town sends it; the editor who published the page is named beside the system actor.
        var actor = OperatorIdentity.System with { DisplayName = $"{OperatorIdentity.System.DisplayName} (připomínka stránky, kterou publikoval(a) {reminder.EditorName})" };
        var result = await campaigns.CreateAsync(draft, actor, cancellationToken);
        if (result.Campaign is { } campaign)
        {
            logger.LogInformation("Reminder {ReminderId} of {ContentKey} created campaign {CampaignId}", reminder.Id, reminder.ContentKey, campaign.Id);
            await reminders.FinishAsync(reminder.Id, ReminderStates.Fired, campaign.Id, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            return;
        }

        // The page's settings no longer make a valid campaign (a package or street removed since): nothing can be sent.
        logger.LogError("Reminder {ReminderId} of {ContentKey} skipped: the campaign was refused ({Outcome}: {Errors}{Reason})",
            reminder.Id, reminder.ContentKey, result.Outcome, string.Join("; ", result.Errors?.Select(e => $"{e.Key}={e.Value}") ?? []), result.Reason);
        await reminders.FinishAsync(reminder.Id, ReminderStates.Skipped, null, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
    }

    /// <summary>The page's campaign with this reminder's text created since the claim that never finished, if that claim got so far.</summary>
    private async Task<Campaign?> CreatedByThatClaimAsync(ReminderRow reminder, long claimedAtMs, CancellationToken cancellationToken) =>
        (await campaignRows.ListByContentAsync(Guid.Parse(reminder.ContentKey), cancellationToken))
            .FirstOrDefault(c => c.CreatedAt.ToUnixTimeMilliseconds() >= claimedAtMs && c.Text == reminder.Text);
}
