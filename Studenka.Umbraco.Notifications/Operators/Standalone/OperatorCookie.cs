using System.Security.Claims;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

/// <summary>The standalone operator login: scheme, cookie, paths and the claims it carries.</summary>
public static class OperatorCookie
{
    public const string Scheme = "Studenka.Operator";
    public const string Name = "Studenka.Operator";
    public const string LoginPath = "/sprava/prihlaseni";
    public const string LogoutPath = "/sprava/odhlaseni";
    public const string HomePath = "/sprava";
    public const string DisplayNameClaim = "studenka:display_name";

    public static ClaimsPrincipal CreatePrincipal(Operator account) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, account.UserName),
            new Claim(DisplayNameClaim, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role.ToString()),
        ],
        Scheme, ClaimTypes.Name, ClaimTypes.Role));
}
