using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;
using Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>
/// The package's install step (Core has no package migrations): once per site, creates the dispatch
/// group with only the SMS section (the town police see nothing else of the backoffice) and adds the
/// section to <c>admin</c> (Umbraco gives administrators no new section by itself). Runs only when the
/// site is fully up (not during install or upgrade) and only on the server that does scheduled work,
/// so two servers do not both try; the done-state lives in Umbraco's key-value table, so a later
/// deliberate change by an administrator (e.g. removing the section from admin) is not undone.
/// </summary>
internal sealed class UserGroupsSetup(
    IRuntimeState runtime,
    IServerRoleAccessor serverRole,
    IKeyValueService keyValues,
    IUserGroupService userGroups,
    IShortStringHelper shortStrings,
    IOptions<OperatorOptions> options,
    ILogger<UserGroupsSetup> logger) : INotificationAsyncHandler<UmbracoApplicationStartedNotification>
{
    public const string StateKey = "Studenka.Notifications.UserGroups";

    /// <summary>Bump when the setup gains a step; sites that ran an older one run the new steps once.</summary>
    public const string Done = "1";

    public async Task HandleAsync(UmbracoApplicationStartedNotification notification, CancellationToken cancellationToken)
    {
        if (runtime.Level != RuntimeLevel.Run
            || serverRole.CurrentServerRole is not (ServerRole.Single or ServerRole.SchedulingPublisher)
            || keyValues.GetValue(StateKey) == Done)
        {
            return;
        }

        if (await EnsureDispatchGroupAsync() && await EnsureAdminSectionAsync())
        {
            keyValues.SetValue(StateKey, Done);
        }
    }

    private async Task<bool> EnsureDispatchGroupAsync()
    {
        var alias = options.Value.DispatchGroupAliases[0];
        if (await userGroups.GetAsync(alias) is not null)
        {
            return true;
        }

        var group = new UserGroup(shortStrings)
        {
            Key = BackOfficeRoles.DispatchGroupKey,
            Alias = alias,
            Name = "Dispečink SMS",
            Icon = "icon-alarm-clock",
            Description = "Krizové a provozní SMS občanům (balíčky 1 a 2); jen sekce SMS.",
            HasAccessToAllLanguages = false,
        };
        group.AddAllowedSection(NotificationsPolicies.SectionAlias);
        var created = await userGroups.CreateAsync(group, Constants.Security.SuperUserKey, []);
        if (!created.Success)
        {
            logger.LogWarning("Could not create the backoffice user group {Alias} for SMS dispatch: {Status}; retried at the next start", alias, created.Status);
        }

        return created.Success;
    }

    private async Task<bool> EnsureAdminSectionAsync()
    {
        if (await userGroups.GetAsync(Constants.Security.AdminGroupAlias) is not { } admin)
        {
            // A site without Umbraco's admin group: nothing to add the section to.
            return true;
        }

        if (admin.AllowedSections.Contains(NotificationsPolicies.SectionAlias, StringComparer.Ordinal))
        {
            return true;
        }

        admin.AddAllowedSection(NotificationsPolicies.SectionAlias);
        var updated = await userGroups.UpdateAsync(admin, Constants.Security.SuperUserKey);
        if (!updated.Success)
        {
            logger.LogWarning("Could not add the SMS section to the admin user group: {Status}; retried at the next start", updated.Status);
        }

        return updated.Success;
    }
}
