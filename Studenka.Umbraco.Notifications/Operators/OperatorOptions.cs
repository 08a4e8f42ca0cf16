using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Section <c>Studenka:Operators</c>: which backoffice groups give which role, and the operator login.</summary>
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

    /// <summary>
    /// Backoffice user groups (aliases) whose members are Administrators; unset = Umbraco's own <c>admin</c>.
    /// Null by default because the configuration binder appends to a list's defaults instead of replacing them.
    /// </summary>
    public List<string>? AdministratorGroups { get; set; }

    /// <summary>
    /// Groups whose members are Dispatch (unless also in an administrator group); unset = <c>studenkaDispatch</c>,
    /// the group the start-up creates. Members of any other group that allows the SMS section are Editors.
    /// </summary>
    public List<string>? DispatchGroups { get; set; }

    public IReadOnlyList<string> AdministratorGroupAliases => AdministratorGroups is { Count: > 0 } groups ? groups : [DefaultAdministratorGroup];

    public IReadOnlyList<string> DispatchGroupAliases => DispatchGroups is { Count: > 0 } groups ? groups : [DefaultDispatchGroup];

    public const string DefaultAdministratorGroup = "admin";

    public const string DefaultDispatchGroup = "studenkaDispatch";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, groups) in new[] { (nameof(AdministratorGroups), AdministratorGroupAliases), (nameof(DispatchGroups), DispatchGroupAliases) })
        {
            if (groups.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"Studenka:Operators:{name} must not contain a blank user group alias.", [name]);
            }
        }

        if (AdministratorGroupAliases.Intersect(DispatchGroupAliases, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
        {
            yield return new ValidationResult(
                $"The user group '{both}' is in both Studenka:Operators:AdministratorGroups and DispatchGroups; a group gives one role.", [nameof(DispatchGroups)]);
        }

        if (FirstDelaySeconds > MaxDelayMinutes * 60)
        {
            yield return new ValidationResult(
                "Studenka:Operators:FirstDelaySeconds must not be longer than Studenka:Operators:MaxDelayMinutes.", [nameof(FirstDelaySeconds)]);
        }
    }
}
