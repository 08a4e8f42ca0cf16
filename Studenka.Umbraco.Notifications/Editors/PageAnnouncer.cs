using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Reminders;
using Umbraco.Cms.Core.Models;
using Umbraco.Extensions;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>
/// Turns a published page into work: a campaign (its SMS text, package and areas; quiet hours apply in
/// the campaign service) and, for a page with an event start, its reminders through
/// <see cref="IReminderScheduler"/>. It records work only; the delivery worker sends. Idempotent per
/// page and culture (<see cref="PageAnnouncements"/>): an unchanged page creates nothing; changed SMS
/// values replace a campaign that has not gone yet (the new one is created first, then the old one
/// cancelled) or, if it has gone, make a new one; a change of what the reminders depend on (start,
/// text, offsets, audience) schedules them again, which moves them.
/// </summary>
public sealed class PageAnnouncer(
    IOptions<EditorOptions> options,
    PageValuesReader reader,
    AnnouncementText texts,
    PageUrls urls,
    PageAnnouncements announcements,
    CampaignService campaigns,
    CampaignRepository campaignRows,
    IServiceProvider services,
    TimeProvider time,
    ILogger<PageAnnouncer> logger)
{
    internal const string ReplacedReason = "Nahrazena novou verzí stránky.";
    internal const string WithdrawnReason = "Stránka byla stažena z webu (zrušena publikace, koš nebo vypnuté SMS).";

    private static readonly string[] Open = [CampaignStates.Draft, CampaignStates.Scheduled];

    /// <summary>Is <paramref name="content"/> of a document type that announces itself?</summary>
    public bool Announces(IContent content) => options.Value.DocumentType(content.ContentType.Alias) is not null;

    /// <summary>The culture whose values count: the configured one for a culture-variant type, else null (invariant).</summary>
    public string? CultureOf(IContent content) => content.ContentType.VariesByCulture() ? options.Value.Culture : null;

    public async Task PublishedAsync(IContent content, string editor, CancellationToken cancellationToken)
    {
        if (options.Value.DocumentType(content.ContentType.Alias) is not { } type)
        {
            return;
        }

        var culture = CultureOf(content);
        var existing = await announcements.GetAsync(content.Key, culture ?? "", cancellationToken);
        var (values, problem) = await reader.ReadAsync(content, culture, options.Value.Properties, cancellationToken);
        if (values is { SmsEnabled: false })
        {
            if (existing is { Withdrawn: false })
            {
                await WithdrawAsync(content.Key, cancellationToken);
            }

            return;
        }

        var url = urls.Of(content, culture);
        if (values is not null && url is null)
        {
            problem = "Stránka zatím nemá veřejnou adresu webu ({url} i odkaz kampaně ji potřebují).";
        }

        if (problem is not null)
        {
            await RecordProblemAsync(content, culture, existing, editor, problem, cancellationToken);
            return;
        }

        var format = CultureInfo.GetCultureInfo(culture ?? options.Value.Culture);
        var text = texts.Render(values!.SmsText ?? type.Template, values, url, format);
        var hash = Hash(text, values.PackageId, values.CityPartIds, values.StreetIds);
        var campaignId = existing?.CampaignId;
        if (await NeedsCampaignAsync(existing, hash, cancellationToken))
        {
            var created = await campaigns.CreateAsync(
                new CampaignDraft(values.PackageId, values.CityPartIds, values.StreetIds, text,
                    Schedule: options.Value.CreateAs == "draft" ? null : new CampaignSchedule(null),
                    Source: new CampaignSourceInput("content", content.Key, url))
                {
                    // An event page's e-mail carries it as an .ics.
                    Event = values.EventStart is { } eventStart ? new CampaignEvent(values.Title, eventStart, null, values.Place) : null,
                },
                Actor(editor), cancellationToken);
            if (created.Outcome != CampaignOutcome.Done)
            {
                var reason = created.Reason ?? string.Join(" ", created.Errors?.Values ?? []);
                await RecordProblemAsync(content, culture, existing, editor, $"Kampaň nelze vytvořit: {reason}", cancellationToken);
                return;
            }

            await CancelIfOpenAsync(existing?.CampaignId, ReplacedReason, cancellationToken);
            campaignId = created.Campaign!.Id;
            logger.LogInformation("Page {ContentKey} ({DocumentType}) published by {Editor}: campaign {CampaignId} created", content.Key, type, editor, campaignId);
        }

        // Recorded before the reminders are asked for: should the scheduler fail, the next publish must
        // find this campaign (not make a second one) and ask for the reminders again.
        var row = new PageAnnouncement(content.Key, culture ?? "", content.ContentType.Alias, hash, campaignId, values.EventStart,
            RemindersHash: null, editor, Withdrawn: false, Problem: null, time.GetUtcNow());
        await announcements.SaveAsync(row, cancellationToken);
        var remindersHash = await RemindersAsync(content, type, values, url, format, editor, existing, cancellationToken);
        await announcements.SaveAsync(row with { RemindersHash = remindersHash }, cancellationToken);
    }

    /// <summary>Unpublished, trashed or SMS switched off: cancels what has not gone yet and the reminders.</summary>
    public async Task WithdrawAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        var rows = await announcements.ListAsync(contentKey, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        foreach (var campaign in (await campaignRows.ListByContentAsync(contentKey, cancellationToken)).Where(c => Open.Contains(c.State)))
        {
            await CancelIfOpenAsync(campaign.Id, WithdrawnReason, cancellationToken);
        }

        if (Scheduler is { } scheduler)
        {
            await scheduler.CancelAsync(contentKey, cancellationToken);
        }

        foreach (var row in rows.Where(r => !r.Withdrawn))
        {
            await announcements.SaveAsync(row with { Withdrawn = true, RemindersHash = null, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        }

        logger.LogInformation("Page {ContentKey} withdrawn: its unsent campaigns and reminders were cancelled", contentKey);
    }

    /// <summary>The reminders helper's component, when the host has one (optional until it is registered).</summary>
    private IReminderScheduler? Scheduler => services.GetService<IReminderScheduler>();

    /// <summary>No campaign yet, changed values, or withdrawn with its campaign cancelled (a re-published page announces again; one already sent is not repeated).</summary>
    private async Task<bool> NeedsCampaignAsync(PageAnnouncement? existing, string hash, CancellationToken cancellationToken)
    {
        if (existing?.CampaignId is not { } id || existing.ValuesHash != hash)
        {
            return true;
        }

        return existing.Withdrawn && (await campaignRows.GetAsync(id, cancellationToken))?.State is CampaignStates.Cancelled or null;
    }

    private async Task<string?> RemindersAsync(
        IContent content, EditorDocumentType type, PageValues values, string? url, CultureInfo format, string editor, PageAnnouncement? existing, CancellationToken cancellationToken)
    {
        var offsets = values.Offsets ?? options.Value.DefaultOffsets(type, values.PackageId);
        if (values.EventStart is not { } start || offsets.Count == 0)
        {
            if (existing?.RemindersHash is not null && Scheduler is { } stale)
            {
                await stale.CancelAsync(content.Key, cancellationToken);
            }

            return null;
        }

        if (Scheduler is not { } scheduler)
        {
            logger.LogWarning("Page {ContentKey} asks for reminders, but no reminder scheduler is registered; they are scheduled at its next publish once one is", content.Key);
            return null;
        }

        var text = texts.Render(options.Value.ReminderTemplate, values, url, format);
        var hash = Hash(start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), text, values.PackageId, values.CityPartIds, values.StreetIds,
            string.Join(",", offsets.Select(ReminderOffsetsFormat.Format)));
        if (existing is { Withdrawn: false } && existing.RemindersHash == hash)
        {
            return hash;
        }

        await scheduler.ScheduleAsync(new ReminderRequest(content.Key, content.ContentType.Alias, start, values.PackageId, values.CityPartIds, values.StreetIds,
            text, offsets, editor, url), cancellationToken);
        return hash;
    }

    private async Task CancelIfOpenAsync(long? campaignId, string reason, CancellationToken cancellationToken)
    {
        if (campaignId is { } id && (await campaignRows.GetAsync(id, cancellationToken))?.State is { } state && Open.Contains(state))
        {
            var result = await campaigns.CancelAsync(id, reason, OperatorIdentity.System, cancellationToken);
            if (result.Outcome != CampaignOutcome.Done)
            {
                // Another node or an operator moved it first (e.g. it started sending): nothing left to cancel.
                logger.LogInformation("Campaign {CampaignId} of a page was not cancelled: {Reason}", id, result.Reason);
            }
        }
    }

    private async Task RecordProblemAsync(IContent content, string? culture, PageAnnouncement? existing, string editor, string problem, CancellationToken cancellationToken)
    {
        logger.LogWarning("Page {ContentKey} ({DocumentType}) published by {Editor} sends no SMS: {Problem}", content.Key, content.ContentType.Alias, editor, problem);
        var row = existing ?? new PageAnnouncement(content.Key, culture ?? "", content.ContentType.Alias, null, null, null, null, editor, false, null, time.GetUtcNow());
        await announcements.SaveAsync(row with { Problem = problem, PublishedBy = editor, UpdatedAt = time.GetUtcNow() }, cancellationToken);
    }

    /// <summary>The system acts (no person sends at publish time); the editor who published is named beside it, in the campaign and the audit log.</summary>
    private static OperatorIdentity Actor(string editor) => OperatorIdentity.System with { DisplayName = $"Systém (stránku publikoval(a) {editor})" };

    private static string Hash(params object[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts.Select(p => p switch
        {
            IEnumerable<long> ids => string.Join(",", ids),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        })))));
}
