namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Authorization policy names of the package; each host adapter defines what they mean.</summary>
public static class NotificationsPolicies
{
    /// <summary>
    /// May use the SMS section (management API). Standalone: a signed-in operator. Under Umbraco:
    /// a backoffice user whose groups allow the package's section.
    /// </summary>
    public const string SectionAccess = "Studenka.Notifications.SectionAccess";

    /// <summary>
    /// Administration of the package (audit log, operators, settings); always checked together with
    /// <see cref="SectionAccess"/>. Standalone: role Administrator. Under Umbraco: an admin user.
    /// </summary>
    public const string Administration = "Studenka.Notifications.Administration";

    /// <summary>The backoffice section alias; equal to the section alias in umbraco-package.json.</summary>
    public const string SectionAlias = "Studenka.Notifications.Section";
}
