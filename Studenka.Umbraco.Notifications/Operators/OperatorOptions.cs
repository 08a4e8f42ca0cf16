using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Section <c>Studenka:Operators</c>: the standalone operator login.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Studenka:Operators";

    /// <summary>Wrong passwords in a row that lock the account.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account refuses every password, even the right one.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Login attempts per client IP and window, whatever the names tried: the per-account lockout
    /// alone would let one address try one password against every name.
    /// </summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerIp { get; set; } = 20;

    [Range(1, 24 * 60)]
    public int LoginWindowMinutes { get; set; } = 15;

    /// <summary>Shortest password accepted when an operator is created.</summary>
    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 12;
}
