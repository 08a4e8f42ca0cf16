using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;

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
    /// as the source of operators (their groups give the role, see <see cref="BackOfficeRoles"/>) and
    /// the start-up step that creates the dispatch group (<see cref="UserGroupsSetup"/>).
    /// </summary>
    public static IUmbracoBuilder AddStudenkaNotifications(this IUmbracoBuilder builder)
    {
        builder.Services.AddStudenkaNotifications(builder.Config);
        builder.Services.AddStudenkaBackOfficeOperators();
        // Core's registration adds the handler again on every call; the host may call this besides the composer.
        if (!builder.Services.Any(d => d.ImplementationType == typeof(UserGroupsSetup)))
        {
            builder.AddNotificationAsyncHandler<UmbracoApplicationStartedNotification, UserGroupsSetup>();
        }

        // Publishing an event or news page records its SMS (Editors/); guarded for the same reason.
        if (!builder.Services.Any(d => d.ImplementationType == typeof(ContentSmsHandlers)))
        {
            builder.AddNotificationAsyncHandler<ContentPublishedNotification, ContentSmsHandlers>();
            builder.AddNotificationAsyncHandler<ContentUnpublishedNotification, ContentSmsHandlers>();
            builder.AddNotificationAsyncHandler<ContentMovedToRecycleBinNotification, ContentSmsHandlers>();
        }

        return builder;
    }

    /// <summary>
    /// Operators are backoffice users: Umbraco's <c>IAuthorizationHelper</c> and
    /// <c>IBackOfficeSecurityAccessor</c> say who calls and with which groups. An Umbraco site gets
    /// this from the composer; the standalone Site calls it too, with its own implementations of
    /// those two Core interfaces, so both hosts authorize through this one path.
    /// </summary>
    public static IServiceCollection AddStudenkaBackOfficeOperators(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(BackOfficeOperatorsMarker)))
        {
            return services;
        }

        services.AddSingleton<BackOfficeOperatorsMarker>();
        services.AddSingleton<BackOfficeRoles>();
        // Transient: resolved per request with the host's IAuthorizationHelper, whatever lifetime the host gives it.
        services.AddTransient<IAuthorizationHandler, NotificationsSectionHandler>();
        services.AddAuthorization(o =>
        {
            o.AddPolicy(NotificationsPolicies.SectionAccess, p => p.AddAuthenticationSchemes(BackOfficeScheme)
                .AddRequirements(new NotificationsSectionRequirement(NotificationsPolicies.SectionAlias)));
            o.AddPolicy(NotificationsPolicies.Administration, p => p.AddAuthenticationSchemes(BackOfficeScheme)
                .AddRequirements(new NotificationsSectionRequirement(NotificationsPolicies.SectionAlias, AdministratorsOnly: true)));
        });
        services.RemoveAll<IOperatorContext>();
        services.AddSingleton<IOperatorContext, BackOfficeOperatorContext>();
        return services;
    }

    private sealed class BackOfficeOperatorsMarker;
}
