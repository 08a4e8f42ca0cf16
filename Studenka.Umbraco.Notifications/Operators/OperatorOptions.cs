using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Section <c>Studenka:Operators</c>: the standalone operator login.</summary>
public sealed class OperatorOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Operators";

    /// <summary>
    /// Wrong logins for one name from one client address before that address must wait before
    /// trying that name again. The account itself never locks: that let anyone lock out its owner.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Studenka:Operators:FailuresBeforeDelay must be between 1 and 100.")]
    public int FailuresBeforeDelay { get; set; } = 5;

    /// <summary>The first wait after <see cref="FailuresBeforeDelay"/>; each further failure doubles it.</summary>
    [Range(1, 3600, ErrorMessage = "Studenka:Operators:FirstDelaySeconds must be between 1 and 3600.")]
    public int FirstDelaySeconds { get; set; } = 30;

    /// <summary>The longest wait, however many failures.</summary>
    [Range(1, 24 * 60, ErrorMessage = "Studenka:Operators:MaxDelayMinutes must be between 1 and 1440.")]
    public int MaxDelayMinutes { get; set; } = 15;

    /// <summary>
    /// Login attempts per client IP and window, whatever the names tried: the per-name delay
    /// alone would let one address try one password against every name.
    /// </summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerIp { get; set; } = 20;

    [Range(1, 24 * 60)]
    public int LoginWindowMinutes { get; set; } = 15;

    /// <summary>Shortest password accepted when an operator is created.</summary>
    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstDelaySeconds > MaxDelayMinutes * 60)
        {
            yield return new ValidationResult(
                "Studenka:Operators:FirstDelaySeconds must not be longer than Studenka:Operators:MaxDelayMinutes.", [nameof(FirstDelaySeconds)]);
        }
    }
}
