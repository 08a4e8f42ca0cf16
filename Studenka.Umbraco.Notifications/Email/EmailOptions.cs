using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Studenka.Umbraco.Notifications.Email;

public enum EmailProvider
{
    /// <summary>Nothing leaves the building: every e-mail is kept for the sandbox page (the default, as for SMS).</summary>
    Sandbox,

    /// <summary>A real SMTP server (<see cref="EmailOptions.Host"/>).</summary>
    Smtp,
}

public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same machine or network).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS before anything else is said (port 587); refused if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>Section <c>Studenka:Email</c>: how e-mail leaves (issue 12). Secrets come from configuration only.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Email";

    /// <summary>False keeps every e-mail waiting in the outbox on this node (nothing is lost; it leaves once enabled).</summary>
    public bool Enabled { get; set; } = true;

    public EmailProvider Provider { get; set; } = EmailProvider.Sandbox;

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Studenka:Email:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>SMTP login; empty = no authentication (a relay that trusts the network).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "sms@studenka.cz";

    public string FromName { get; set; } = "Město Studénka";

    /// <summary>E-mails per second, per node: the SMTP provider's limit (e-mail has its own bucket, apart from SMS).</summary>
    [Range(1, 1000, ErrorMessage = "Studenka:Email:PerSecond must be between 1 and 1000.")]
    public int PerSecond { get; set; } = 5;

    /// <summary>Per SMTP command. A message whose data went out and then timed out counts as "outcome unknown" and is not resent.</summary>
    [Range(1, 300, ErrorMessage = "Studenka:Email:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(FromAddress, out var from) || from.Address != FromAddress.Trim() || !FromAddress.Contains('@'))
        {
            yield return new ValidationResult("Studenka:Email:FromAddress must be an e-mail address, e.g. sms@studenka.cz.", [nameof(FromAddress)]);
        }

        if (Provider == EmailProvider.Smtp && string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Studenka:Email:Host is required when Studenka:Email:Provider is Smtp.", [nameof(Host)]);
        }

        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Studenka:Email:Password is required when Studenka:Email:UserName is set.", [nameof(Password)]);
        }
    }
}
