namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Authorization policy names of the package, registered by <c>AddStudenkaBackOfficeOperators</c> for both hosts.</summary>
public static class NotificationsPolicies
{
    /// <summary>
    /// May use the SMS section (management API): a backoffice user (in the Site: an operator signed
    /// in through its OpenIddict stand-in) whose groups allow the package's section.
    /// </summary>
    public const string SectionAccess = "Studenka.Notifications.SectionAccess";

    /// <summary>
    /// Administration of the package (audit log, operators, settings); always checked together with
    /// <see cref="SectionAccess"/>: role Administrator (Umbraco's <c>admin</c> group).
    /// </summary>
    public const string Administration = "Studenka.Notifications.Administration";

    /// <summary>The backoffice section alias; equal to the section alias in umbraco-package.json.</summary>
    public const string SectionAlias = "Studenka.Notifications.Section";
}
