using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.Security;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>The operator is the signed-in backoffice user (user name, name and the role of their groups), on an Umbraco site and the Site alike.</summary>
internal sealed class BackOfficeOperatorContext(IBackOfficeSecurityAccessor accessor, BackOfficeRoles roles) : IOperatorContext
{
    public OperatorIdentity? Current =>
        accessor.BackOfficeSecurity?.CurrentUser is { } user ? roles.IdentityOf(user) : null;
}
