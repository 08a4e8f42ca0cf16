using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// What a draft would do if sent: the recipients counted by the same query that later fills the
/// outbox, the segments of the text as it will be sent, the cost, and when quiet hours let it go.
/// </summary>
public sealed class CampaignPreviewService(
    AreaRepository areas, RecipientTargeting targeting, RuntimeSettings settings, IOptions<CampaignOptions> options,
    IOptions<SmsOptions> sms, TownCalendar calendar, TimeProvider time, AddressReview addressReview)
{
    public async Task<(CampaignPreview? Preview, IReadOnlyDictionary<string, string> Errors)> PreviewAsync(CampaignDraft draft, CancellationToken cancellationToken)
    {
        var (campaign, errors) = await ValidateAsync(draft, cancellationToken);
        if (campaign is null)
        {
            return (null, errors);
        }

        var byChannel = await targeting.CountAsync(campaign.Audience, cancellationToken);
        var recipients = byChannel.Sms;
        var count = campaign.Sms.Count;
        var requested = campaign.RequestedAt ?? time.GetUtcNow();
        var current = await settings.CurrentAsync(cancellationToken);
        var due = new QuietHours(current.QuietHours, calendar).MayGoAt(campaign.Audience.PackageId, requested);
        return (new CampaignPreview(
            recipients,
            count.Characters,
            EncodingName(count.Encoding),
            count.Segments,
            count.Segments * recipients,
            SmsSegments.EstimateCost(count.Segments, recipients, current.PricePerSegmentCzk),
            campaign.Sms.SentText,
            requested,
            due,
            due > requested,
            campaign.Originator ?? sms.Value.Originator,
            await addressReview.CountNeedingMappingAsync(campaign.Audience.PackageId, campaign.Audience.CityPartIds, campaign.Audience.StreetIds, cancellationToken),
            byChannel), errors);
    }

    /// <summary>The validation every entry point shares (preview, create), against the current areas.</summary>
    public async Task<(ValidCampaign? Campaign, IReadOnlyDictionary<string, string> Errors)> ValidateAsync(CampaignDraft draft, CancellationToken cancellationToken)
    {
        var catalog = await areas.GetCatalogAsync(cancellationToken);
        return CampaignValidator.Validate(draft, catalog, options.Value, calendar, time.GetUtcNow());
    }

    /// <summary>The stored and JSON name of an encoding.</summary>
    public static string EncodingName(SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? "gsm7" : "ucs2";
}
