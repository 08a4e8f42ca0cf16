using Microsoft.AspNetCore.Authorization;
using Umbraco.Cms.Core.Security.Authorization;
using Umbraco.Extensions;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>
/// Umbraco's own section check, re-expressed with Core types (its handler lives in an assembly we
/// cannot reference): the signed-in backoffice user, resolved by Umbraco, must have the section.
/// </summary>
internal sealed class NotificationsSectionHandler(IAuthorizationHelper authorizationHelper) : AuthorizationHandler<NotificationsSectionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, NotificationsSectionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && authorizationHelper.TryGetUmbracoUser(context.User, out var user)
            && user.AllowedSections.Contains(requirement.Section, StringComparer.Ordinal)
            && (!requirement.AdministratorsOnly || user.IsAdmin()))
        {
            context.Succeed(requirement);
        }

        // Otherwise leave it unmet: the policy fails, and no other handler can make it pass by accident.
        return Task.CompletedTask;
    }
}
