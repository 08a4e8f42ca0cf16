using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Gateway;

/// <summary>Section <c>Studenka:Sms</c>.</summary>
public sealed class SmsOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Sms";

    /// <summary>
    /// Default sender shown on phones (a campaign may name its own); the rule is <see cref="Originators"/>.
    /// </summary>
    [Required(ErrorMessage = "Studenka:Sms:Originator is required.")]
    [RegularExpression(Originators.Pattern,
        ErrorMessage = "Studenka:Sms:Originator must be at most 11 letters/digits (words separated by one space) or a phone number of at most 17 digits.")]
    public string Originator { get; set; } = "Studenka";

    /// <summary>MessageBird access key. Empty means the sandbox gateway: nothing is sent, everything is kept.</summary>
    public string? MessageBirdAccessKey { get; set; }

    /// <summary>Base address of MessageBird's REST API (tests point it at a local fake).</summary>
    public Uri MessageBirdBaseUrl { get; set; } = new("https://rest.messagebird.com/");

    /// <summary>Retries after a 5xx, a 429 or a refused connection; never after a timeout (the SMS may have gone out).</summary>
    [Range(0, 10, ErrorMessage = "Studenka:Sms:MessageBirdMaxRetries must be between 0 and 10.")]
    public int MessageBirdMaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(1, 60_000, ErrorMessage = "Studenka:Sms:MessageBirdRetryBaseDelayMilliseconds must be between 1 and 60000.")]
    public int MessageBirdRetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Per attempt. A request that times out counts as "outcome unknown" and is not resent.</summary>
    [Range(0.01, 300, ErrorMessage = "Studenka:Sms:MessageBirdTimeoutSeconds must be between 0.01 and 300.")]
    public double MessageBirdTimeoutSeconds { get; set; } = 15;

    /// <summary>Public URL of the delivery-report webhook, sent as <c>reportUrl</c> with every message.</summary>
    public Uri? ReportUrl { get; set; }

    /// <summary>
    /// MessageBird's signing key (not the access key) that signs webhook calls with
    /// MessageBird-Signature-JWT. Any length; empty turns the webhooks off (every call is refused).
    /// </summary>
    public string? WebhookSigningKey { get; set; }

    /// <summary>
    /// How far ahead of our clock a webhook token's <c>exp</c> may lie. MessageBird's tokens live
    /// 60 s; a longer-lived one would outlast the replay cache's memory of shorter ones.
    /// </summary>
    [Range(60, 3600, ErrorMessage = "Studenka:Sms:WebhookTokenMaxLifetimeSeconds must be between 60 and 3600.")]
    public int WebhookTokenMaxLifetimeSeconds { get; set; } = 300;

    /// <summary>
    /// The public address of the site's root as MessageBird calls it (e.g. <c>https://www.studenka.cz</c>),
    /// when a reverse proxy hides it. It replaces scheme, host and path base when the webhook
    /// rebuilds the signed URL. Empty: the request's own (forwarded-headers aware) scheme and host.
    /// </summary>
    public Uri? WebhookPublicBaseUrl { get; set; }

    /// <summary>Name used in SMS texts ("SMS zprávy města Studénka").</summary>
    [Required]
    public string TownName { get; set; } = "Studénka";

    /// <summary>
    /// The senders each role may choose for a campaign (role name → list), e.g.
    /// <c>Studenka:Sms:AllowedOriginators:Dispatch:0 = MP Studenka</c>. A role not listed may use any
    /// valid sender; <see cref="Originator"/> is always allowed. Administrators change it at run time (Settings).
    /// </summary>
    public Dictionary<string, List<string>> AllowedOriginators { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // MessageBird calls the report URL from the internet: only https is acceptable, except for
        // a local fake or a developer's machine.
        if (ReportUrl is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))))
        {
            yield return new ValidationResult(
                "Studenka:Sms:ReportUrl must be an absolute https URL (http only for localhost or 127.0.0.1).", [nameof(ReportUrl)]);
        }

        if (!MessageBirdBaseUrl.IsAbsoluteUri)
        {
            yield return new ValidationResult("Studenka:Sms:MessageBirdBaseUrl must be an absolute URL.", [nameof(MessageBirdBaseUrl)]);
        }

        foreach (var (role, senders) in AllowedOriginators)
        {
            if (!Operators.OperatorRoles.TryParse(role, out _) || senders.Any(s => !Originators.IsValid(s)))
            {
                yield return new ValidationResult(
                    $"Studenka:Sms:AllowedOriginators:{role} must name a role (Administrator, Editor, Dispatch) and list valid senders.", [nameof(AllowedOriginators)]);
            }
        }
    }
}
