using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.Security;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>Under Umbraco the operator is the signed-in backoffice user (key and name).</summary>
internal sealed class BackOfficeOperatorContext(IBackOfficeSecurityAccessor accessor) : IOperatorContext
{
    public OperatorIdentity? Current =>
        accessor.BackOfficeSecurity?.CurrentUser is { } user
            ? new OperatorIdentity(user.Key.ToString(), string.IsNullOrWhiteSpace(user.Name) ? user.Username : user.Name)
            : null;
}
