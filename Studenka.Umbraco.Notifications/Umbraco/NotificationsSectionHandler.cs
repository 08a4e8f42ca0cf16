using Microsoft.AspNetCore.Authorization;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.Security.Authorization;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>
/// Umbraco's own section check, re-expressed with Core types (its handler lives in an assembly we
/// cannot reference): the signed-in backoffice user, resolved by the host, must have a role from
/// <see cref="BackOfficeRoles"/> (which needs the section); administration needs Administrator.
/// </summary>
internal sealed class NotificationsSectionHandler(IAuthorizationHelper authorizationHelper, BackOfficeRoles roles) : AuthorizationHandler<NotificationsSectionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, NotificationsSectionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && authorizationHelper.TryGetUmbracoUser(context.User, out var user)
            && user.AllowedSections.Contains(requirement.Section, StringComparer.Ordinal)
            && roles.RoleOf(user) is { } role
            && (!requirement.AdministratorsOnly || OperatorPermissions.For(role).Administration))
        {
            context.Succeed(requirement);
        }

        // Otherwise leave it unmet: the policy fails, and no other handler can make it pass by accident.
        return Task.CompletedTask;
    }
}
