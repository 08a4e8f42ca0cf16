using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.Models.Membership;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>
/// The one mapping from backoffice user groups to <see cref="OperatorRole"/>, for Umbraco's users and
/// for the Site's operators alike (both arrive as Core <see cref="IUser"/>s): without the SMS section no
/// role at all; an administrator group (<c>admin</c>) → Administrator; else a dispatch group
/// (<c>studenkaDispatch</c>) → Dispatch; else (any other group that allows the section) → Editor.
/// A person gets one role, the highest of those; aliases from <c>Studenka:Operators</c>.
/// </summary>
public sealed class BackOfficeRoles(IOptions<OperatorOptions> options)
{
    /// <summary>
    /// The key of the dispatch group the package creates, fixed so it is the same on every site (and in
    /// the standalone Site): the client's Statistics condition reads it from the current user at once.
    /// </summary>
    public static readonly Guid DispatchGroupKey = new("5f1c7d3e-8a2b-4c6d-9e0f-17a2b3c4d5e6");

    public OperatorRole? RoleOf(IUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.AllowedSections.Contains(NotificationsPolicies.SectionAlias, StringComparer.Ordinal))
        {
            return null;
        }

        var groups = user.Groups.Select(g => g.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return options.Value.AdministratorGroupAliases.Any(groups.Contains) ? OperatorRole.Administrator
            : options.Value.DispatchGroupAliases.Any(groups.Contains) ? OperatorRole.Dispatch
            : OperatorRole.Editor;
    }

    /// <summary>
    /// The operator as campaigns and the audit log name them ("Name (user name)", readable in the log;
    /// the same for an Umbraco user and the Site's operator), or null when the user may not use the section.
    /// </summary>
    public OperatorIdentity? IdentityOf(IUser user) => RoleOf(user) is { } role
        ? new OperatorIdentity(user.Username, string.IsNullOrWhiteSpace(user.Name) ? user.Username : user.Name, role) { UserName = user.Username }
        : null;
}
