using System.Text.Json.Serialization;
using Studenka.Umbraco.Notifications.Delivery;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>A campaign as an operator (or a content page) submits it. Every member is checked by <see cref="CampaignValidator"/>.</summary>
/// <param name="Diacritics">"keep" (default) or "transliterate" to GSM-7.</param>
/// <param name="Schedule">Null keeps the campaign a draft; a schedule without a time sends it now.</param>
/// <param name="Source">Null means written by hand.</param>
/// <param name="Originator">The sender shown on phones; null or blank = the configured <c>Studenka:Sms:Originator</c>.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CampaignDraft(
    int? PackageId,
    IReadOnlyList<long>? CityPartIds,
    IReadOnlyList<long>? StreetIds,
    string? Text,
    string? Diacritics = null,
    CampaignSchedule? Schedule = null,
    CampaignSourceInput? Source = null,
    string? Originator = null)
{
    /// <summary>The event a published event page announces (its e-mail carries an .ics). Set by the page announcer only, never read from the API's JSON.</summary>
    [JsonIgnore]
    public CampaignEvent? Event { get; init; }
}

/// <param name="SendAt">ISO 8601, with an offset or as the town's local time (<see cref="Scheduling.SendTime"/>); null = now (or the end of the package's quiet hours).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CampaignSchedule(string? SendAt);

/// <param name="Kind">"manual" (default) or "content" (a published page, with its key and absolute URL).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CampaignSourceInput(string? Kind, Guid? ContentKey = null, string? ContentUrl = null);

/// <summary>A draft that passed validation, with the text as it will be sent.</summary>
public sealed record ValidCampaign(
    CampaignAudience Audience,
    string Text,
    DiacriticsChoice Diacritics,
    SmsPreview Sms,
    string Source,
    Guid? ContentKey,
    string? ContentUrl,
    bool Scheduled,
    DateTimeOffset? RequestedAt,
    string? Originator);

/// <summary>The states of a campaign, as stored. The delivery worker owns sending → sent/failed.</summary>
public static class CampaignStates
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Draft, Scheduled, Sending, Sent, Cancelled, Failed];
}

/// <summary>A stored campaign.</summary>
/// <param name="RequestedAt">What the operator asked for; null = at once.</param>
/// <param name="DueAt">When it may go, after quiet hours; null for a draft.</param>
/// <param name="FailureReason">Why it did not go out: the delivery failure, or the operator's reason for cancelling.</param>
/// <param name="Originator">The campaign's own sender; null = the configured default.</param>
public sealed record Campaign(
    long Id,
    int PackageId,
    IReadOnlyList<long> CityPartIds,
    IReadOnlyList<long> StreetIds,
    string Text,
    string Diacritics,
    string Body,
    string Encoding,
    int Segments,
    string Source,
    Guid? ContentKey,
    string? ContentUrl,
    string CreatedBy,
    string State,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? DueAt,
    int? RecipientCount,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SnapshotAt,
    DateTimeOffset? FinishedAt,
    string? Originator)
{
    /// <summary>Where its SMS are; filled in lists (the UI polls them for live progress), omitted elsewhere.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeliveryProgress? Delivery { get; init; }
}

/// <summary>What the operator confirms before sending: who, how long, how much, and when it will really go.</summary>
/// <param name="DueAt">The instant it would go, after quiet hours; differs from <paramref name="RequestedAt"/> inside the window.</param>
/// <param name="Originator">The sender the SMS will show: the campaign's own, or the configured default.</param>
/// <param name="AddressesNeedingMapping">
/// Addresses of would-be recipients in the targeted area whose street the register lacks or a resident typed
/// (an administrator still has to map them, see <c>GET areas/needs-mapping</c>); a street campaign may miss them.
/// </param>
/// <param name="RecipientsByChannel">The outbox rows per channel; <paramref name="Recipients"/> (and the cost) are the SMS ones.</param>
public sealed record CampaignPreview(
    int Recipients,
    int Characters,
    string Encoding,
    int SegmentsPerSms,
    int TotalSegments,
    decimal EstimatedCostCzk,
    string SentText,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    bool QuietHoursApply,
    string Originator,
    int AddressesNeedingMapping,
    RecipientCounts RecipientsByChannel);

/// <summary>A campaign with where its SMS are, counted by <see cref="DeliveryProgressQuery"/> (the one definition).</summary>
public sealed record CampaignDetails(Campaign Campaign, DeliveryProgress Delivery);

public sealed record CampaignPage(IReadOnlyList<Campaign> Items, int Total, int Skip, int Take);

public enum CampaignOutcome
{
    Done,
    Invalid,
    NotFound,
    Refused,

    /// <summary>The operator's role does not allow it (see <c>OperatorPermissions</c>); 403.</summary>
    Forbidden,
}

/// <summary>The answer to a command: done (with the campaign), invalid (field errors), not found, refused (state) or forbidden (role), the last two with a reason.</summary>
public sealed record CampaignResult(CampaignOutcome Outcome, Campaign? Campaign = null, IReadOnlyDictionary<string, string>? Errors = null, string? Reason = null)
{
    public static CampaignResult NotFound { get; } = new(CampaignOutcome.NotFound);

    public static CampaignResult Done(Campaign campaign) => new(CampaignOutcome.Done, campaign);

    public static CampaignResult Invalid(IReadOnlyDictionary<string, string> errors) => new(CampaignOutcome.Invalid, Errors: errors);

    public static CampaignResult Refused(string reason) => new(CampaignOutcome.Refused, Reason: reason);

    public static CampaignResult Forbidden(string reason) => new(CampaignOutcome.Forbidden, Reason: reason);
}
