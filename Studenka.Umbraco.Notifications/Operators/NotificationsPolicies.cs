namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Authorization policy names of the package; each host adapter defines what they mean.</summary>
public static class NotificationsPolicies
{
    /// <summary>
    /// May use the SMS section (management API). Standalone: a signed-in operator. Under Umbraco:
    /// a backoffice user whose groups allow the package's section.
    /// </summary>
    public const string SectionAccess = "Studenka.Notifications.SectionAccess";

    /// <summary>The backoffice section alias; equal to the section alias in umbraco-package.json.</summary>
    public const string SectionAlias = "Studenka.Notifications.Section";
}
