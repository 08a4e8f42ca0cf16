using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Umbraco;

public static class UmbracoBuilderExtensions
{
    /// <summary>
    /// The scheme Umbraco 17 authenticates Management API calls with (the value of
    /// <c>OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme</c>; OpenIddict is not referenced here).
    /// </summary>
    public const string BackOfficeScheme = "OpenIddict.Validation.AspNetCore";

    /// <summary>
    /// The Umbraco entry point: the same registration the standalone Site uses, plus the backoffice
    /// as the source of operators (the section decides who may use the SMS API).
    /// </summary>
    public static IUmbracoBuilder AddStudenkaNotifications(this IUmbracoBuilder builder)
    {
        builder.Services.AddStudenkaNotifications(builder.Config);
        if (builder.Services.Any(d => d.ServiceType == typeof(BackOfficeOperatorsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<BackOfficeOperatorsMarker>();
        // Transient: resolved per request with Umbraco's IAuthorizationHelper, whatever lifetime Umbraco gives it.
        builder.Services.AddTransient<IAuthorizationHandler, NotificationsSectionHandler>();
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(NotificationsPolicies.SectionAccess, p => p.AddAuthenticationSchemes(BackOfficeScheme)
                .AddRequirements(new NotificationsSectionRequirement(NotificationsPolicies.SectionAlias)));
            o.AddPolicy(NotificationsPolicies.Administration, p => p.AddAuthenticationSchemes(BackOfficeScheme)
                .AddRequirements(new NotificationsSectionRequirement(NotificationsPolicies.SectionAlias, AdministratorsOnly: true)));
        });
        builder.Services.RemoveAll<IOperatorContext>();
        builder.Services.AddSingleton<IOperatorContext, BackOfficeOperatorContext>();
        return builder;
    }

    private sealed class BackOfficeOperatorsMarker;
}
