using Microsoft.AspNetCore.Authorization;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>The Site's stand-in for Umbraco's backoffice host: the real client at <c>/umbraco</c>, its start API and headers.</summary>
public static class SiteBackOfficeExtensions
{
    public static IServiceCollection AddSiteBackOffice(this IServiceCollection services)
    {
        services.AddSingleton<BackOfficeClient>();
        // The backoffice's pages need their own CSP (the import map's hash); the package's API below keeps its own.
        services.Configure<WebOptions>(o => o.HostSecurityHeadersPaths.Add(BackOfficePaths.Root));
        // The sign-in registers the real policy; until then nobody passes (instead of a 500 for a missing policy).
        services.PostConfigure<AuthorizationOptions>(o =>
        {
            if (o.GetPolicy(SiteBackOfficePolicies.User) is null)
            {
                o.AddPolicy(SiteBackOfficePolicies.User, p => p.RequireAuthenticatedUser().RequireAssertion(_ => false));
            }
        });
        return services;
    }

    /// <summary>Before the static files and routing: it sets headers on the assets and the status-code pages are turned off for the API.</summary>
    public static IApplicationBuilder UseSiteBackOffice(this IApplicationBuilder app) => app.UseMiddleware<BackOfficeSecurityHeaders>();
}
