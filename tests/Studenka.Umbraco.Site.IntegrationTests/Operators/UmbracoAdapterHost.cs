using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Principal;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Security.Authorization;
using Umbraco.Cms.Core.Strings;
using Umbraco.Extensions;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>Who calls in a matrix row: nobody, a backoffice user without the SMS section, or an operator of a role.</summary>
public enum Caller
{
    Anonymous,
    Outsider,
    Editor,
    Dispatch,
    Administrator,
}

/// <summary>A host the authorization matrix runs against: its package endpoints, services, and a client per caller.</summary>
public interface IMatrixHost : IAsyncDisposable
{
    IServiceProvider Services { get; }

    IReadOnlyList<RouteEndpoint> Endpoints { get; }

    HttpClient ClientFor(Caller caller);
}

/// <summary>
/// The package as an Umbraco site hosts it, without Umbraco: the package registered as the composer
/// does, a stand-in for OpenIddict's validation scheme (same name) that signs in the user named in
/// the Authorization header, and Core's <see cref="IAuthorizationHelper"/> / <see cref="IBackOfficeSecurityAccessor"/>
/// answering with Core <see cref="User"/>s in Core groups: <c>admin</c>, <c>studenkaDispatch</c>, an editors'
/// group with the SMS section, and <c>writer</c> without it. Everything else (policies, handler, role
/// mapping, controllers, SQLite) is the package's own.
/// </summary>
public sealed class UmbracoAdapterHost : IMatrixHost
{
    public const string TestScheme = "Test";

    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    private UmbracoAdapterHost(WebApplication app, TempFolder folder, FakeTimeProvider time)
    {
        _app = app;
        _folder = folder;
        Time = time;
    }

    /// <summary>A weekday morning in Studénka, so quiet hours never decide a row.</summary>
    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _app.Services;

    public string DatabasePath => _folder.File("sms.db");

    public IReadOnlyList<RouteEndpoint> Endpoints =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("umbraco/sms/api", StringComparison.OrdinalIgnoreCase) == true).ToList();

    internal static IReadOnlyDictionary<string, User> Users { get; } = new Dictionary<string, User>(StringComparer.Ordinal)
    {
        ["spravce"] = BackOfficeUser("spravce", "Jana Nováková", (Constants.Security.AdminGroupAlias, [Constants.Applications.Content, Constants.Applications.Settings, NotificationsPolicies.SectionAlias])),
        ["hlidka"] = BackOfficeUser("hlidka", "Městská policie", ("studenkaDispatch", [NotificationsPolicies.SectionAlias])),
        ["redaktor"] = BackOfficeUser("redaktor", "Eva Redaktorová", ("smsEditors", [Constants.Applications.Content, NotificationsPolicies.SectionAlias])),
        ["pisatel"] = BackOfficeUser("pisatel", "Petr Pisatel", ("writer", [Constants.Applications.Content])),
    };

    public static async Task<UmbracoAdapterHost> StartAsync()
    {
        var folder = new TempFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Studenka:Persistence:ConnectionString"] = $"Data Source={folder.File("sms.db")}";
        builder.Configuration["Studenka:Delivery:WorkerEnabled"] = "false";
        builder.Configuration["Studenka:Ruian:CuzkBaseUrl"] = "http://127.0.0.1:9/vymenny_format/csv/";
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddStudenkaNotifications(builder.Configuration);
        builder.Services.AddStudenkaBackOfficeOperators();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, NamedUserScheme>(UmbracoBuilderExtensions.BackOfficeScheme, null);
        builder.Services.AddSingleton<IAuthorizationHelper, UsersByName>();
        builder.Services.AddSingleton<IBackOfficeSecurityAccessor, RequestUserSecurity>();
        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        await app.StartAsync();
        return new UmbracoAdapterHost(app, folder, time);
    }

    public HttpClient ClientFor(Caller caller)
    {
        var client = _app.GetTestClient();
        var user = caller switch
        {
            Caller.Administrator => "spravce",
            Caller.Dispatch => "hlidka",
            Caller.Editor => "redaktor",
            Caller.Outsider => "pisatel",
            _ => null,
        };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(TestScheme, user);
        }

        return client;
    }

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    private static User BackOfficeUser(string userName, string name, params (string Alias, string[] Sections)[] groups)
    {
        var user = new User(new GlobalSettings(), name, userName + "@studenka.example", userName, "hash") { Key = Guid.NewGuid() };
        foreach (var (alias, sections) in groups)
        {
            var group = new UserGroup(new DefaultShortStringHelper(new DefaultShortStringHelperConfig())) { Alias = alias, Name = alias };
            foreach (var section in sections)
            {
                group.AddAllowedSection(section);
            }

            user.AddGroup(group.ToReadOnlyGroup());
        }

        return user;
    }

    /// <summary>Stands in for OpenIddict validation: "Authorization: Test hlidka" signs in hlidka; no header, nobody.</summary>
    private sealed class NamedUserScheme(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith(TestScheme + " ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, header[(TestScheme.Length + 1)..])], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }

    /// <summary>Umbraco's helper resolves the principal's user through IUserService; here by name.</summary>
    private sealed class UsersByName : IAuthorizationHelper
    {
        public IUser GetUmbracoUser(IPrincipal currentUser) =>
            TryGetUmbracoUser(currentUser, out var user) ? user : throw new InvalidOperationException("no user");

        public bool TryGetUmbracoUser(IPrincipal currentUser, [NotNullWhen(true)] out IUser? user)
        {
            user = currentUser.Identity?.Name is { } name && Users.TryGetValue(name, out var found) ? found : null;
            return user is not null;
        }
    }

    /// <summary>Umbraco's accessor gives the user of the authenticated request.</summary>
    private sealed class RequestUserSecurity(IHttpContextAccessor accessor) : IBackOfficeSecurityAccessor, IBackOfficeSecurity
    {
        public IBackOfficeSecurity? BackOfficeSecurity => this;

        public IUser? CurrentUser =>
            accessor.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } && Users.TryGetValue(name, out var user) ? user : null;

        public bool IsAuthenticated() => CurrentUser is not null;

        public bool UserHasSectionAccess(string section, IUser user) => user.AllowedSections.Contains(section);
    }
}
