using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

/// <summary>
/// Checks the cookie's operator against the database on every request, so a removed account or a
/// changed role takes effect at once instead of when the 8-hour cookie expires. One indexed
/// lookup per operator request is cheap next to what an operator request does.
/// </summary>
internal static class OperatorSessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var operators = context.HttpContext.RequestServices.GetRequiredService<OperatorRepository>();
        var account = principal?.Identity?.Name is { Length: > 0 } name
            ? await operators.FindAsync(name, context.HttpContext.RequestAborted)
            : null;
        if (account is not null
            && principal!.FindFirst(ClaimTypes.NameIdentifier)?.Value == account.Id.ToString(CultureInfo.InvariantCulture)
            && principal.FindFirst(ClaimTypes.Role)?.Value == account.Role.ToString())
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(OperatorCookie.Scheme);
    }
}
