namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>Authorization policies of the Site's stand-in for Umbraco's Management API.</summary>
public static class SiteBackOfficePolicies
{
    /// <summary>A signed-in backoffice user (an operator with a backoffice access token).</summary>
    public const string User = "Studenka.Site.BackOfficeUser";
}
