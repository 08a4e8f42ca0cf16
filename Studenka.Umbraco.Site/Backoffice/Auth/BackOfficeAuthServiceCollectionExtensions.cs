using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Security.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// Sign-in as Umbraco 17 does it (OpenIddict server and validation, reference tokens in the Data
/// Protection format, the redacted-token cookies), and the Site's operators as backoffice users,
/// so the package's Umbraco adapter authorizes the Site's API calls.
/// </summary>
public static class BackOfficeAuthServiceCollectionExtensions
{
    public static IServiceCollection AddSiteBackOfficeAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackOfficeAuthOptions>().Bind(configuration.GetSection(BackOfficeAuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddDbContext<BackOfficeAuthDbContext>((sp, o) => BackOfficeAuthStore.Configure(o, sp));
        services.AddSingleton<BackOfficeTokenCookies>();
        services.AddSingleton<LoginAttemptLimiter>();
        services.AddScoped<BackOfficeApplications>();
        services.AddSingleton<BackOfficeClientOriginCache>();
        services.AddHostedService<BackOfficeAuthInitializer>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<BackOfficeAuthDbContext>())
            .AddServer(ConfigureServer)
            .AddValidation(o =>
            {
                o.UseLocalServer();
                // Only the Authorization header: a form field would make the validation read (and consume) every
                // posted body, which the signed webhooks must read byte for byte; a query string leaks into logs.
                o.UseAspNetCore().DisableAccessTokenExtractionFromBodyForm().DisableAccessTokenExtractionFromQueryString();
                o.UseDataProtection();
                o.EnableTokenEntryValidation();
                // Just before the check that a token is there: the built-in extraction runs much earlier (near int.MinValue).
                o.AddEventHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>(b => b.UseSingletonHandler<BackOfficeTokenCookies>()
                    .SetOrder(OpenIddictValidationHandlers.ValidateRequiredTokens.Descriptor.Order - 1));
                o.AddEventHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>(b => b.UseScopedHandler<OperatorTokenCheck>()
                    .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000));
            });
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<BackOfficeAuthOptions>>((o, auth) =>
        {
            o.AccessTokenLifetime = auth.Value.AccessTokenLifetime;
            o.RefreshTokenLifetime = auth.Value.SessionTimeout;
        });
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IHostEnvironment, IConfiguration>((o, env, config) =>
            o.DisableTransportSecurityRequirement = AllowsPlainHttp(env, config));

        // No default authenticate scheme: every policy names its scheme, and other requests are not authenticated at all.
        services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
                o.DefaultForbidScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            })
            .AddCookie(BackOfficeAuthPaths.LoginScheme, o =>
            {
                o.Cookie.Name = BackOfficeAuthPaths.LoginCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";
                o.SlidingExpiration = false;
                o.LoginPath = BackOfficeAuthPaths.LoginPage;
            });
        services.AddOptions<CookieAuthenticationOptions>(BackOfficeAuthPaths.LoginScheme).Configure<TimeProvider, IOptions<BackOfficeAuthOptions>>((o, time, auth) =>
        {
            o.TimeProvider = time;
            o.ExpireTimeSpan = auth.Value.SessionTimeout;
        });
        services.AddAuthorization(o => o.AddPolicy(SiteBackOfficePolicies.User, p => p
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser()));

        // The operators are backoffice users: Core's two interfaces, then the package's Umbraco adapter.
        services.AddSingleton<IAuthorizationHelper, SiteAuthorizationHelper>();
        services.AddSingleton<IBackOfficeSecurityAccessor, SiteBackOfficeSecurityAccessor>();
        services.AddSingleton<IOperatorSessions, OperatorTokenSessions>();
        services.AddStudenkaBackOfficeOperators();
        return services;
    }

    private static void ConfigureServer(OpenIddictServerBuilder o)
    {
        o.SetAuthorizationEndpointUris(BackOfficeAuthPaths.Authorize)
            .SetTokenEndpointUris(BackOfficeAuthPaths.Token)
            .SetEndSessionEndpointUris(BackOfficeAuthPaths.SignOut)
            .SetRevocationEndpointUris(BackOfficeAuthPaths.Revoke);
        o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        o.AllowRefreshTokenFlow();
        o.AllowClientCredentialsFlow();
        o.RegisterScopes(Scopes.OfflineAccess);
        o.UseReferenceAccessTokens().UseReferenceRefreshTokens();
        o.UseDataProtection();
        // Tokens are Data Protection payloads (keys shared beside the database); these keys sign nothing that outlives the process.
        o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
        o.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();

        // The redaction handler on the server's three events, each at the place Umbraco puts it.
        o.AddEventHandler<OpenIddictServerEvents.ApplyAuthorizationResponseContext>(b => b.UseSingletonHandler<BackOfficeTokenCookies>()
            .SetOrder(Math.Min(Math.Min(
                OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse.Descriptor.Order,
                OpenIddictServerAspNetCoreHandlers.Authentication.ProcessQueryResponse.Descriptor.Order),
                OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFragmentResponse.Descriptor.Order) - 1));
        o.AddEventHandler<OpenIddictServerEvents.ExtractTokenRequestContext>(b => b.UseSingletonHandler<BackOfficeTokenCookies>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<OpenIddictServerEvents.ExtractTokenRequestContext>.Descriptor.Order + 1));
        o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(b => b.UseSingletonHandler<BackOfficeTokenCookies>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<OpenIddictServerEvents.ApplyTokenResponseContext>.Descriptor.Order - 1));
        o.AddEventHandler<OpenIddictServerEvents.ExtractRevocationRequestContext>(b => b.UseSingletonHandler<BackOfficeTokenCookies>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<OpenIddictServerEvents.ExtractRevocationRequestContext>.Descriptor.Order + 1));
    }

    /// <summary>
    /// OpenIddict refuses plain http. Allowed only on a developer's machine (Development) or when
    /// the Site listens on loopback http addresses only (the README's <c>http://localhost:5000</c>),
    /// where no other machine can reach it.
    /// </summary>
    private static bool AllowsPlainHttp(IHostEnvironment environment, IConfiguration configuration)
    {
        if (environment.IsDevelopment())
        {
            return true;
        }

        var urls = (configuration["urls"] ?? configuration["Urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return urls.Length > 0 && urls.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }
}
