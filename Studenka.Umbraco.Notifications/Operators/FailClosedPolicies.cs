using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// The package's policies exist even when no host adapter defines them, and then refuse everyone
/// with a 401 that names the cause. A host that forgot its adapter fails closed, not with a 500
/// ("policy not found" or "no challenge scheme").
/// </summary>
internal static class FailClosedPolicies
{
    public const string Scheme = "Studenka.Operators.Unconfigured";

    public static IServiceCollection AddFailClosedPolicies(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, UnconfiguredOperatorsHandler>(Scheme, displayName: null, _ => { });
        // PostConfigure runs after every Configure, so an adapter's policy always wins regardless of call order.
        services.PostConfigure<AuthorizationOptions>(o =>
        {
            foreach (var name in new[] { NotificationsPolicies.SectionAccess, NotificationsPolicies.Administration })
            {
                if (o.GetPolicy(name) is null)
                {
                    o.AddPolicy(name, p => p.AddAuthenticationSchemes(Scheme).RequireAssertion(_ => false));
                }
            }
        });
        return services;
    }

    /// <summary>Authenticates nobody; answers challenges with a ProblemDetails that tells the site owner what is missing.</summary>
    private sealed class UnconfiguredOperatorsHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
            OperatorProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Přihlášení operátorů není nastaveno",
                "Tento web nemá nastavené přihlášení operátorů (Umbraco backoffice nebo AddStudenkaBackOfficeOperators), proto je správa SMS nepřístupná.");

        protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => HandleChallengeAsync(properties);
    }
}

internal static class OperatorProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
