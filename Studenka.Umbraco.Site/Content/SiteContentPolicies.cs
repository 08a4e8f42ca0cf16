namespace Studenka.Umbraco.Site.Content;

/// <summary>The Site's content section (its stand-in for Umbraco's Content section) and who may use it.</summary>
public static class SiteContentPolicies
{
    /// <summary>Equal to the section alias in the Site's umbraco-package.json.</summary>
    public const string SectionAlias = "Studenka.Site.Section.Content";

    /// <summary>
    /// The content section and a role (the package's section check, on this section): the town hall's
    /// groups allow it, Dispatch's does not (<c>OperatorUsers</c>).
    /// </summary>
    public const string Pages = "Studenka.Site.ContentPages";
}
