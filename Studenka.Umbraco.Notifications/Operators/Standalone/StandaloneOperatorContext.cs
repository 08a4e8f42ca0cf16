using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

/// <summary>The signed-in operator of the current request, read from the login cookie's claims.</summary>
internal sealed class StandaloneOperatorContext(IHttpContextAccessor accessor) : IOperatorContext
{
    public OperatorIdentity? Current
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == OperatorCookie.Scheme) is not { } identity
                || identity.Name is not { Length: > 0 } userName)
            {
                return null;
            }

            return RoleOf(user) is { } role
                ? new OperatorIdentity(userName, identity.FindFirst(OperatorCookie.DisplayNameClaim)?.Value ?? userName, role) { UserName = userName }
                : null;
        }
    }

    public static OperatorRole? RoleOf(ClaimsPrincipal user) =>
        OperatorRoles.TryParse(user.FindFirst(ClaimTypes.Role)?.Value, out var role) ? role : null;
}
