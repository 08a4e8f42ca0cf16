using System.Globalization;
using OpenIddict.Validation;
using Studenka.Umbraco.Notifications.Operators;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// After the token itself is valid: its operator must still exist and be enabled, read from the
/// database on every request (not from the token's claims), so disabling works at the next call
/// even where a token escaped revocation. The account is kept for the request's Core user.
/// </summary>
internal sealed class OperatorTokenCheck(IHttpContextAccessor accessor, OperatorRepository operators)
    : IOpenIddictValidationHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>
{
    public async ValueTask HandleAsync(OpenIddictValidationEvents.ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is not { } principal || accessor.HttpContext is not { } http)
        {
            return;
        }

        var account = long.TryParse(principal.FindFirst(Claims.Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await operators.FindByIdAsync(id, http.RequestAborted)
            : null;
        if (account is null || account.Disabled)
        {
            context.Reject(Errors.InvalidToken, "Účet operátora byl zrušen nebo zablokován. Přihlaste se znovu.");
            return;
        }

        RequestOperator.Set(http, account);
    }
}
