using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

/// <summary>
/// The standalone host's answer to "who is the operator": operators from the package's own table,
/// signed in with a cookie. An Umbraco site does not call this; its backoffice users are the operators.
/// </summary>
public static class StandaloneOperatorsServiceCollectionExtensions
{
    public static IServiceCollection AddStudenkaStandaloneOperators(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StandaloneOperatorsMarker)))
        {
            return services;
        }

        services.AddSingleton<StandaloneOperatorsMarker>();
        services.AddHttpContextAccessor();
        services.AddSingleton<LoginAttemptLimiter>();
        services.AddAuthentication(OperatorCookie.Scheme).AddCookie(OperatorCookie.Scheme, ConfigureCookie);
        // The cookie's expiry and sliding renewal follow the injected clock (a fake one in tests).
        services.AddOptions<CookieAuthenticationOptions>(OperatorCookie.Scheme).Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(NotificationsPolicies.SectionAccess, p => p.AddAuthenticationSchemes(OperatorCookie.Scheme)
                .RequireAuthenticatedUser().RequireRole(OperatorRoles.Names));
            o.AddPolicy(NotificationsPolicies.Administration, p => p.AddAuthenticationSchemes(OperatorCookie.Scheme)
                .RequireAuthenticatedUser().RequireRole(nameof(OperatorRole.Administrator)));
        });
        services.RemoveAll<IOperatorContext>();
        services.AddSingleton<IOperatorContext, StandaloneOperatorContext>();
        // The login controllers are internal, so MVC does not find them in an Umbraco site; only this adds them.
        services.AddControllersWithViews().ConfigureApplicationPartManager(m => m.FeatureProviders.Add(new StandaloneControllers()));
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = OperatorCookie.Name;
        o.Cookie.HttpOnly = true;
        // Strict: a page on another site can never make the browser send the operator's cookie.
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.LoginPath = OperatorCookie.LoginPath;
        o.LogoutPath = OperatorCookie.LogoutPath;
        o.ReturnUrlParameter = "returnUrl";
        o.Events.OnValidatePrincipal = OperatorSessionValidator.ValidateAsync;
        o.Events.OnRedirectToLogin = context => IsApi(context.Request)
            ? OperatorProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Nepřihlášen", "Přihlaste se jako operátor (POST /umbraco/sms/api/v1/auth/login).")
            : Redirect(context);
        o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
            ? OperatorProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Nedostatečné oprávnění", "Vaše role k této akci neopravňuje.")
            : Forbidden(context);
    }

    /// <summary>Scripts and the admin shell's fetch calls want a status, not the HTML login page.</summary>
    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(ManagementApiControllerBase.ApiRoot, StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Forbidden(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private sealed class StandaloneOperatorsMarker;

    private sealed class StandaloneControllers : IApplicationFeatureProvider<ControllerFeature>
    {
        public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
        {
            foreach (var type in new[] { typeof(OperatorLoginController), typeof(OperatorAuthApiController) })
            {
                if (!feature.Controllers.Contains(type.GetTypeInfo()))
                {
                    feature.Controllers.Add(type.GetTypeInfo());
                }
            }
        }
    }
}
