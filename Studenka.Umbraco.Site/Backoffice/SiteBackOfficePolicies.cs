namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>Authorization policies of the Site's backoffice host (the endpoints the Umbraco client calls).</summary>
public static class SiteBackOfficePolicies
{
    /// <summary>A signed-in backoffice user (an operator), authenticated by the OpenIddict validation scheme.</summary>
    public const string User = "Studenka.Site.BackOfficeUser";
}
