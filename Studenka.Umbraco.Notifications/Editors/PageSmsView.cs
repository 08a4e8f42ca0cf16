using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>A page's SMS state per culture, as its workspace view shows it.</summary>
/// <param name="Culture">"" for an invariant page.</param>
/// <param name="Problem">Why its last publish made no SMS; null when it did.</param>
public sealed record PageAnnouncementView(string Culture, long? CampaignId, DateTimeOffset? EventStart, string PublishedBy, bool Withdrawn, string? Problem, DateTimeOffset UpdatedAt);

/// <summary>Everything the page's "SMS" view shows: what publishing recorded, the page's campaigns (its announcements and fired reminders) with delivery, and its reminders.</summary>
/// <param name="RemindersAvailable">False when the host has no reminder scheduler (the list is then empty, not "no reminders").</param>
public sealed record PageSmsOverview(
    Guid ContentKey,
    IReadOnlyList<PageAnnouncementView> Announcements,
    IReadOnlyList<Campaign> Campaigns,
    IReadOnlyList<ScheduledReminder> Reminders,
    bool RemindersAvailable);

/// <summary>The page's SMS for its workspace view, and "Odeslat hned" for its announcement waiting as a draft or scheduled.</summary>
public sealed class PageSmsView(
    PageAnnouncements announcements,
    CampaignRepository campaignRows,
    CampaignService campaigns,
    DeliveryProgressQuery progress,
    IServiceProvider services)
{
    internal const string NoSms = "Tato stránka zatím žádnou SMS nevytvořila.";
    internal const string NothingWaiting = "SMS této stránky už odešla nebo byla zrušena; není co odeslat.";
    internal const string DispatchRefusal = "Dispečink neposílá SMS stránek webu; odešle je editor nebo správce.";

    private static readonly string[] Open = [CampaignStates.Draft, CampaignStates.Scheduled];

    public async Task<PageSmsOverview> GetAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        var rows = await announcements.ListAsync(contentKey, cancellationToken);
        var list = await campaignRows.ListByContentAsync(contentKey, cancellationToken);
        var counts = await progress.GetManyAsync(list.Select(c => c.Id).ToList(), cancellationToken);
        var scheduler = services.GetService<IReminderScheduler>();
        var reminders = scheduler is null ? [] : await scheduler.ListAsync(contentKey, cancellationToken);
        return new PageSmsOverview(
            contentKey,
            rows.Select(r => new PageAnnouncementView(r.Culture, r.CampaignId, r.EventStart, r.PublishedBy, r.Withdrawn, r.Problem, r.UpdatedAt)).ToList(),
            list.Select(c => c with { Delivery = counts[c.Id] }).ToList(),
            reminders,
            scheduler is not null);
    }

    /// <summary>Sends the page's waiting announcement now (or when the package's quiet hours end), as the operator.</summary>
    public async Task<CampaignResult> SendNowAsync(Guid contentKey, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role is OperatorRole.Dispatch)
        {
            return CampaignResult.Forbidden(DispatchRefusal);
        }

        var rows = await announcements.ListAsync(contentKey, cancellationToken);
        if (rows.All(r => r.CampaignId is null))
        {
            return CampaignResult.NotFound;
        }

        CampaignResult? last = null;
        foreach (var id in rows.Where(r => !r.Withdrawn).Select(r => r.CampaignId).OfType<long>())
        {
            if ((await campaignRows.GetAsync(id, cancellationToken))?.State is { } state && Open.Contains(state))
            {
                last = await campaigns.SendNowAsync(id, actor, cancellationToken);
                if (last.Outcome != CampaignOutcome.Done)
                {
                    return last;
                }
            }
        }

        return last ?? CampaignResult.Refused(NothingWaiting);
    }
}
