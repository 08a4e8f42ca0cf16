using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Site.Backoffice;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Backoffice;

/// <summary>
/// The Site with a stand-in for the backoffice sign-in: the header <c>X-Test-User: backoffice</c>
/// is a backoffice user, <c>X-Test-User: other</c> is signed in without backoffice access, none is anonymous.
/// </summary>
internal sealed class BackOfficeTestSite : IDisposable
{
    public const string Header = "X-Test-User";
    private const string SchemeName = "Test";
    private readonly StudenkaSiteFactory _site = new();
    private readonly WebApplicationFactory<Program> _factory;

    public BackOfficeTestSite() =>
        _factory = _site.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderUser>(SchemeName, _ => { });
            services.Configure<AuthorizationOptions>(o => o.AddPolicy(SiteBackOfficePolicies.User, p => p
                .AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser().RequireClaim("backoffice", "true")));
        }));

    public IServiceProvider Services => _factory.Services;

    public HttpClient Client(string? user = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(Header, user);
        }

        return client;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _site.Dispose();
    }

    private sealed class HeaderUser(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[Header].ToString() is not { Length: > 0 } user)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim("backoffice", user == "backoffice" ? "true" : "false")], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
