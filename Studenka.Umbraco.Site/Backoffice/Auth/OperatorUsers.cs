using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Models.Membership.Permissions;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// The Site's operators as Umbraco backoffice users (Core's <see cref="User"/>), each in one user
/// group by role: Administrator → <c>admin</c>, Dispatch → <c>studenkaDispatch</c>, Editor →
/// <c>studenkaEditors</c>. Every group allows the SMS section; the town hall's groups (administrators,
/// editors) also the Site's own content section, where its event and news pages are edited
/// (<see cref="Content.SiteContentPolicies"/>). Dispatch has no use for it.
/// </summary>
public static class OperatorUsers
{
    public const string DispatchGroupAlias = "studenkaDispatch";
    public const string EditorsGroupAlias = "studenkaEditors";

    private static readonly GlobalSettings Settings = new();

    private static readonly IReadOnlyUserGroup Administrators = Group(1, Constants.Security.AdminGroupKey, "Správci", Constants.Security.AdminGroupAlias, "icon-medal", withContent: true);
    private static readonly IReadOnlyUserGroup Editors = Group(2, new Guid("5b1a4d0e-2f7c-4c55-9a0f-3f1d7c2a6e01"), "Redaktoři", EditorsGroupAlias, "icon-edit", withContent: true);
    private static readonly IReadOnlyUserGroup Dispatch = Group(3, BackOfficeRoles.DispatchGroupKey, "Dispečink", DispatchGroupAlias, "icon-alarm-clock", withContent: false);

    public static IReadOnlyUserGroup GroupOf(OperatorRole role) => role switch
    {
        OperatorRole.Administrator => Administrators,
        OperatorRole.Dispatch => Dispatch,
        _ => Editors,
    };

    public static IUser ToUser(Operator account)
    {
        var user = new User(Settings, checked((int)account.Id), account.DisplayName, email: string.Empty, account.UserName,
            rawPasswordValue: string.Empty, passwordConfig: null, [GroupOf(account.Role)], startContentIds: [], startMediaIds: [])
        {
            Key = KeyOf(account.Id),
            Language = "cs",
            IsApproved = !account.Disabled,
        };
        return user;
    }

    /// <summary>A stable key per operator id (the client uses it as the user's unique).</summary>
    public static Guid KeyOf(long operatorId)
    {
        Span<byte> bytes = stackalloc byte[16];
        "studenka"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes[8..], operatorId);
        return new Guid(bytes);
    }

    private static ReadOnlyUserGroup Group(int id, Guid key, string name, string alias, string icon, bool withContent) => new(
        id, key, name, description: null, icon, startContentId: null, startMediaId: null, alias, allowedLanguages: [],
        allowedSections: withContent ? [NotificationsPolicies.SectionAlias, Content.SiteContentPolicies.SectionAlias] : [NotificationsPolicies.SectionAlias], permissions: new HashSet<string>(),
        granularPermissions: new HashSet<IGranularPermission>(), hasAccessToAllLanguages: false);
}
