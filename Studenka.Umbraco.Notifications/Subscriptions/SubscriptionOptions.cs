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

    /// <summary>Verification SMS the whole site may send per Prague calendar day.</summary>
    [Range(1, 1_000_000)]
    public int DailyVerificationSmsCap { get; set; } = 500;

    /// <summary>Automatic replies to inbound SMS (e.g. START) the whole site may send per Prague calendar day.</summary>
    [Range(0, 100_000)]
    public int DailyInboundReplyCap { get; set; } = 100;

    /// <summary>Form posts that cost an SMS, per client IP and window.</summary>
    [Range(1, 10_000)]
    public int IpPermitLimit { get; set; } = 10;

    [Range(1, 1440)]
    public int IpWindowMinutes { get; set; } = 15;

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
