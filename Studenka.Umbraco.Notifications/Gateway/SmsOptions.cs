using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Gateway;

/// <summary>Section <c>Studenka:Sms</c>.</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Studenka:Sms";

    /// <summary>Sender shown on phones: alphanumeric up to 11 characters, or a number.</summary>
    [Required]
    [RegularExpression(@"^(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)*|\+?[0-9]{1,17})$", ErrorMessage = "Studenka:Sms:Originator must be letters/digits (words separated by one space) or a phone number.")]
    [MaxLength(17)]
    public string Originator { get; set; } = "Studenka";

    /// <summary>MessageBird access key. Empty means the sandbox gateway: nothing is sent, everything is kept.</summary>
    public string? MessageBirdAccessKey { get; set; }

    /// <summary>Base address of MessageBird's REST API (tests point it at a local fake).</summary>
    public Uri MessageBirdBaseUrl { get; set; } = new("https://rest.messagebird.com/");

    /// <summary>Public URL of the delivery-report webhook, sent as <c>reportUrl</c> with every message.</summary>
    public Uri? ReportUrl { get; set; }

    /// <summary>MessageBird's signing key (not the access key) that signs webhook calls with MessageBird-Signature-JWT.</summary>
    public string? WebhookSigningKey { get; set; }

    /// <summary>
    /// The public address of the site's root as MessageBird calls it (e.g. <c>https://www.studenka.cz</c>),
    /// when a reverse proxy hides it. It replaces scheme, host and path base when the webhook
    /// rebuilds the signed URL. Empty: the request's own (forwarded-headers aware) scheme and host.
    /// </summary>
    public Uri? WebhookPublicBaseUrl { get; set; }

    /// <summary>Name used in SMS texts ("SMS zprávy města Studénka").</summary>
    [Required]
    public string TownName { get; set; } = "Studénka";
}
