using System.Globalization;
using OpenIddict.Abstractions;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>Ends an operator's sessions: every token and authorization issued for them is revoked.</summary>
internal sealed class OperatorTokenSessions(IServiceScopeFactory scopes) : IOperatorSessions
{
    public async Task EndAllAsync(Operator account, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var subject = account.Id.ToString(CultureInfo.InvariantCulture);
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
    }
}
