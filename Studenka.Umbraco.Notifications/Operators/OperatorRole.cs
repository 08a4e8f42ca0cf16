namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// What an operator may do. Stored by name (the schema checks the three names), so the numbers
/// here carry no meaning.
/// </summary>
public enum OperatorRole
{
    /// <summary>Everything, including operators, areas, packages and the audit log.</summary>
    Administrator,

    /// <summary>Composes and sends campaigns of packages 2–4.</summary>
    Editor,

    /// <summary>Town police, 24/7: crisis messages to the affected areas.</summary>
    Dispatch,
}

public static class OperatorRoles
{
    /// <summary>The names the API, the cookie and the database use; people see <see cref="CzechName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<OperatorRole>();

    /// <summary>How the role is shown to town staff.</summary>
    public static string CzechName(this OperatorRole role) => role switch
    {
        OperatorRole.Administrator => "Správce",
        OperatorRole.Editor => "Redaktor",
        OperatorRole.Dispatch => "Dispečink",
        _ => role.ToString(),
    };

    /// <summary>Exact, case-insensitive parse of a role name; numbers are refused (Enum.TryParse would accept "7").</summary>
    public static bool TryParse(string? value, out OperatorRole role)
    {
        foreach (var candidate in Enum.GetValues<OperatorRole>())
        {
            if (string.Equals(candidate.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
