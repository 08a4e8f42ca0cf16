using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Studenka.Umbraco.Notifications.Operators;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>A client id and its secret, shown once when an API client is created.</summary>
public sealed record ApiClientCredentials(string ClientId, string ClientSecret);

/// <summary>
/// The OpenIddict clients of the Site: the public <c>umbraco-back-office</c> client (seeded
/// idempotently, with the redirect addresses of each origin the Site is reached at, as Umbraco does
/// on the first backoffice request per host), and confidential API clients bound to one operator
/// (Umbraco 15+'s "API users"): scripts get a bearer token for that operator's role.
/// </summary>
public sealed class BackOfficeApplications(IOpenIddictApplicationManager applications, BackOfficeClientOriginCache seededOrigins)
{
    /// <summary>Property of an API client: the id of the operator it acts as.</summary>
    internal const string OperatorIdProperty = "studenka_operator_id";

    private const string ApiClientPrefix = "studenka-api-";

    /// <summary>The back-office client knows <paramref name="origin"/>'s redirect addresses (once per origin and node).</summary>
    public async Task EnsureBackOfficeClientAsync(Uri origin, CancellationToken cancellationToken)
    {
        var key = origin.GetLeftPart(UriPartial.Authority);
        if (seededOrigins.Origins.ContainsKey(key))
        {
            return;
        }

        var redirect = new Uri(new Uri(key), BackOfficeAuthPaths.OAuthComplete);
        var logouts = new[] { redirect, new Uri(new Uri(key), BackOfficeAuthPaths.LogoutComplete) };
        var descriptor = new OpenIddictApplicationDescriptor();
        var existing = await applications.FindByClientIdAsync(BackOfficeAuthPaths.ClientId, cancellationToken);
        if (existing is not null)
        {
            await applications.PopulateAsync(descriptor, existing, cancellationToken);
        }

        var changed = existing is null | descriptor.RedirectUris.Add(redirect);
        foreach (var logout in logouts)
        {
            changed |= descriptor.PostLogoutRedirectUris.Add(logout);
        }

        if (existing is null)
        {
            descriptor.ClientId = BackOfficeAuthPaths.ClientId;
            descriptor.DisplayName = "Umbraco back-office access";
            descriptor.ClientType = ClientTypes.Public;
            descriptor.Permissions.UnionWith(
            [
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            ]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        if (changed)
        {
            try
            {
                await (existing is null ? applications.CreateAsync(descriptor, cancellationToken).AsTask() : applications.UpdateAsync(existing, descriptor, cancellationToken).AsTask());
            }
            catch (Exception e) when (e is DbUpdateException or OpenIddictExceptions.ConcurrencyException
                || (existing is null && e is OpenIddictExceptions.ValidationException))
            {
                // Another node seeded it at the same moment (two Sites starting together on PostgreSQL: OpenIddict's
                // own "client identifier already exists" check, or the unique index); the next request checks again.
                return;
            }
        }

        seededOrigins.Origins[key] = true;
    }

    /// <summary>A new client-credentials client acting as <paramref name="account"/>; the secret is stored only as a hash.</summary>
    public async Task<ApiClientCredentials> CreateApiClientAsync(Operator account, CancellationToken cancellationToken)
    {
        var clientId = ApiClientPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = $"API: {account.UserName}",
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
            Properties = { [OperatorIdProperty] = JsonSerializer.SerializeToElement(account.Id) },
        };
        await applications.CreateAsync(descriptor, cancellationToken);
        return new(clientId, secret);
    }

    /// <summary>The operator an API client acts as, or null for any other client.</summary>
    public async Task<long?> OperatorOfApiClientAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (clientId is null || !clientId.StartsWith(ApiClientPrefix, StringComparison.Ordinal)
            || await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(OperatorIdProperty, out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : null;
    }

    internal static string Subject(long operatorId) => operatorId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The origins this node has already added to the back-office client (one look-up per origin, not per request).</summary>
public sealed class BackOfficeClientOriginCache
{
    internal ConcurrentDictionary<string, bool> Origins { get; } = new(StringComparer.OrdinalIgnoreCase);
}
