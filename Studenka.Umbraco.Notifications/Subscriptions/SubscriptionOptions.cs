using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>Section <c>Studenka:Subscriptions</c>. Every limit here protects the town's SMS budget.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Studenka:Subscriptions";

    /// <summary>ISO regions whose numbers may subscribe. Default: Czech numbers only.</summary>
    [MinLength(1)]
    public string[] AllowedRegions { get; set; } = ["CZ"];

    /// <summary>Accept only numbers that can receive SMS (mobile). Landlines cannot read a code.</summary>
    public bool RequireMobile { get; set; } = true;

    [Range(1, 120)]
    public int CodeValidityMinutes { get; set; } = 10;

    [Range(1, 20)]
    public int MaxCodeAttempts { get; set; } = 5;

    /// <summary>Minimum gap between two verification SMS to one number.</summary>
    [Range(0, 3600)]
    public int ResendCooldownSeconds { get; set; } = 60;

    /// <summary>Verification SMS one number may receive in 24 hours.</summary>
    [Range(1, 100)]
    public int MaxCodesPerPhonePerDay { get; set; } = 5;

    /// <summary>
    /// Verification SMS the whole site may send per Prague calendar day: the default; an administrator
    /// can set another value at run time (<c>PUT umbraco/sms/api/v1/settings/verification-cap</c>).
    /// </summary>
    [Range(1, VerificationCap.Max)]
    public int DailyVerificationSmsCap { get; set; } = 500;

    /// <summary>Share of the daily cap (percent) at which administrators are alerted (log warning + audit entry), once a day; reaching the cap alerts again.</summary>
    [Range(1, 99)]
    public int CapAlertPercent { get; set; } = 80;

    /// <summary>Automatic replies to inbound SMS (e.g. START) the whole site may send per Prague calendar day.</summary>
    [Range(0, 100_000)]
    public int DailyInboundReplyCap { get; set; } = 100;

    /// <summary>SMS sent on requests from one client IP per <see cref="IpWindowMinutes"/> (requests that send nothing, e.g. a typo, do not count).</summary>
    [Range(1, 10_000)]
    public int IpPermitLimit { get; set; } = 10;

    [Range(1, 1440)]
    public int IpWindowMinutes { get; set; } = 15;

    /// <summary>SMS sent on requests from one network (see the prefix lengths) per <see cref="IpWindowMinutes"/>.</summary>
    [Range(1, 100_000)]
    public int NetworkPermitLimit { get; set; } = 30;

    /// <summary>SMS sent on requests from one network in 24 hours, so a few networks cannot use the town's daily cap up.</summary>
    [Range(1, 1_000_000)]
    public int NetworkDailyLimit { get; set; } = 100;

    /// <summary>What counts as one network for IPv4 (prefix length): /24 is what one customer or office usually holds.</summary>
    [Range(8, 32)]
    public int NetworkPrefixLengthV4 { get; set; } = 24;

    /// <summary>What counts as one network for IPv6: providers hand a household a /56 (or a /48, /64).</summary>
    [Range(16, 128)]
    public int NetworkPrefixLengthV6 { get; set; } = 56;

    /// <summary>Version of the consent text the resident agreed to; bump it when the text changes.</summary>
    [Required]
    public string ConsentTextVersion { get; set; } = "2026-11";

    /// <summary>Where the privacy text lives; the package ships one at /sms/ochrana-udaju.</summary>
    [Required]
    public string PrivacyUrl { get; set; } = "/sms/ochrana-udaju";

    /// <summary>How long a manage session lasts after the code was entered.</summary>
    [Range(1, 240)]
    public int ManageSessionMinutes { get; set; } = 30;

    /// <summary>The town's time zone: daily caps follow its calendar days.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Prague";
}
