using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Settings;

/// <summary>The names of the rows of <c>runtime_settings</c> (and of the API paths <c>settings/{name}</c>).</summary>
public static class SettingNames
{
    public const string QuietHours = "quiet-hours";
    public const string Price = "price";
    public const string Originators = "originators";
    public const string Templates = "templates";
    public const string Privacy = "privacy";

    /// <summary>The site-wide daily cap on verification SMS (its own endpoint keeps the sent-today count beside it).</summary>
    public const string VerificationCap = "verification-cap";

    public static IReadOnlyList<string> All { get; } = [QuietHours, Price, Originators, Templates, Privacy, VerificationCap];
}

/// <summary>A prefilled campaign text the compose screen offers (crisis ones in package 1).</summary>
public sealed record MessageTemplate(string Key, string Name, int Package, string Text);

/// <summary>The senders a role may choose; null = any valid sender. The configured default sender is always allowed.</summary>
public sealed record RoleOriginators(IReadOnlyList<string>? Administrator, IReadOnlyList<string>? Editor, IReadOnlyList<string>? Dispatch)
{
    public IReadOnlyList<string>? For(OperatorRole role) => role switch
    {
        OperatorRole.Administrator => Administrator,
        OperatorRole.Editor => Editor,
        OperatorRole.Dispatch => Dispatch,
        _ => [],
    };

    public static RoleOriginators FromOptions(SmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string>? Of(OperatorRole role) =>
            options.AllowedOriginators.FirstOrDefault(r => OperatorRoles.TryParse(r.Key, out var parsed) && parsed == role).Value;
        return new(Of(OperatorRole.Administrator), Of(OperatorRole.Editor), Of(OperatorRole.Dispatch));
    }
}

/// <summary>The texts of the privacy page (GDPR Art. 13); the same fields as <see cref="PrivacyOptions"/>, its default.</summary>
public sealed record PrivacyText(
    string ControllerName, string ControllerIco, string ControllerAddress, string ContactEmail, string? ContactPhone,
    string? DataBox, string? DpoName, string? DpoEmail, string SmsProcessor, string EmailPurpose)
{
    public static PrivacyText FromOptions(PrivacyOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.ControllerName, o.ControllerIco, o.ControllerAddress, o.ContactEmail, o.ContactPhone, o.DataBox, o.DpoName, o.DpoEmail, o.SmsProcessor, o.EmailPurpose);
    }
}

/// <summary>Who changed a stored setting when (absent: the configuration's default applies).</summary>
public sealed record SettingChange(DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>
/// The settings in force: each stored value, else the configuration's (the feature's options class).
/// One snapshot is read at once, so a request sees one consistent set.
/// </summary>
public sealed record EffectiveSettings(
    IReadOnlyList<QuietWindow> QuietHours,
    decimal PricePerSegmentCzk,
    RoleOriginators Originators,
    IReadOnlyList<MessageTemplate> Templates,
    PrivacyText Privacy,
    int DailyVerificationSmsCap,
    IReadOnlyDictionary<string, SettingChange> Changes)
{
    /// <summary>The configuration alone (what every setting falls back to).</summary>
    public static EffectiveSettings Defaults(CampaignOptions campaigns, SmsOptions sms, PrivacyOptions privacy, SubscriptionOptions subscriptions)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(subscriptions);
        return new(
            QuietWindow.FromOptions(campaigns),
            campaigns.PricePerSegmentCzk,
            RoleOriginators.FromOptions(sms),
            [.. campaigns.Templates.OrderBy(t => t.Value.Package).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new MessageTemplate(t.Key, t.Value.Name, t.Value.Package, t.Value.Text))],
            PrivacyText.FromOptions(privacy),
            subscriptions.DailyVerificationSmsCap,
            new Dictionary<string, SettingChange>());
    }
}
