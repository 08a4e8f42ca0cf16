using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Claims;
using System.Security.Principal;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Security.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// The operator of this request, read from the database once per request by
/// <see cref="OperatorTokenCheck"/> when the token is validated (so a disabled or re-roled operator
/// counts at once), and kept in the request's items for the synchronous Core interfaces below.
/// </summary>
internal static class RequestOperator
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, Operator account) => context.Items[Key] = account;

    public static Operator? Get(HttpContext? context, IPrincipal? principal) =>
        context?.Items[Key] is Operator account
        && principal is ClaimsPrincipal claims
        && claims.FindFirst(Claims.Subject)?.Value == account.Id.ToString(CultureInfo.InvariantCulture)
            ? account
            : null;
}

/// <summary>Core's "which Umbraco user is this principal", answered from the Site's operators.</summary>
internal sealed class SiteAuthorizationHelper(IHttpContextAccessor accessor) : IAuthorizationHelper
{
    public IUser GetUmbracoUser(IPrincipal currentUser) =>
        TryGetUmbracoUser(currentUser, out var user) ? user : throw new InvalidOperationException("The principal is not a signed-in operator.");

    public bool TryGetUmbracoUser(IPrincipal currentUser, [NotNullWhen(true)] out IUser? user)
    {
        user = RequestOperator.Get(accessor.HttpContext, currentUser) is { Disabled: false } account ? OperatorUsers.ToUser(account) : null;
        return user is not null;
    }
}

/// <summary>Core's backoffice security of the current request, for the Site.</summary>
internal sealed class SiteBackOfficeSecurityAccessor(IHttpContextAccessor accessor, IAuthorizationHelper helper) : IBackOfficeSecurityAccessor
{
    private readonly AsyncLocal<IBackOfficeSecurity?> _overridden = new();

    public IBackOfficeSecurity? BackOfficeSecurity =>
        _overridden.Value ?? (accessor.HttpContext is { } context ? new RequestSecurity(context, helper) : null);

    public void Override(IBackOfficeSecurity backOfficeSecurity) => _overridden.Value = backOfficeSecurity;

    private sealed class RequestSecurity(HttpContext context, IAuthorizationHelper helper) : IBackOfficeSecurity
    {
        public IUser? CurrentUser => helper.TryGetUmbracoUser(context.User, out var user) ? user : null;

        public bool IsAuthenticated() => CurrentUser is not null;

        public bool UserHasSectionAccess(string section, IUser user) => user.AllowedSections.Contains(section, StringComparer.Ordinal);
    }
}
