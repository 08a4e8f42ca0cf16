using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Principal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using global::Umbraco.Cms.Core;
using global::Umbraco.Cms.Core.Composing;
using global::Umbraco.Cms.Core.Configuration.Models;
using global::Umbraco.Cms.Core.DependencyInjection;
using global::Umbraco.Cms.Core.Models.Membership;
using global::Umbraco.Cms.Core.Security;
using global::Umbraco.Cms.Core.Security.Authorization;
using global::Umbraco.Cms.Core.Strings;
using global::Umbraco.Extensions;

namespace Studenka.Umbraco.Notifications.Tests.Umbraco;

public sealed class NotificationsSectionHandlerTests
{
    private static readonly NotificationsSectionRequirement Section = new(NotificationsPolicies.SectionAlias);

    /// <summary>A backoffice user made of Umbraco's own Core types, member of groups with the given sections.</summary>
    private static User BackOfficeUser(string userName, params (string Alias, string[] Sections)[] groups)
    {
        var user = new User(new GlobalSettings(), userName, userName + "@studenka.example", userName, "hash") { Key = Guid.NewGuid() };
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

    private static ClaimsPrincipal SignedIn(string userName) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], "test"));

    private static async Task<bool> AuthorizeAsync(ClaimsPrincipal principal, NotificationsSectionRequirement requirement, params IUser[] users)
    {
        var context = new AuthorizationHandlerContext([requirement], principal, null);
        await new NotificationsSectionHandler(new UsersByName(users), new BackOfficeRoles(Options.Create(new OperatorOptions()))).HandleAsync(context);
        return context.HasSucceeded;
    }

    [Fact]
    public async Task A_user_whose_group_allows_the_sms_section_is_let_in()
    {
        var dispatch = BackOfficeUser("hlidka", ("studenkaDispatch", [NotificationsPolicies.SectionAlias]));

        Assert.True(await AuthorizeAsync(SignedIn("hlidka"), Section, dispatch));
    }

    [Fact]
    public async Task A_user_with_other_sections_only_is_refused()
    {
        var editor = BackOfficeUser("redaktor", ("editor", [Constants.Applications.Content, Constants.Applications.Media]));

        Assert.False(await AuthorizeAsync(SignedIn("redaktor"), Section, editor));
    }

    [Fact]
    public async Task An_anonymous_request_is_refused_even_if_a_user_could_be_found()
    {
        var dispatch = BackOfficeUser("hlidka", ("studenkaDispatch", [NotificationsPolicies.SectionAlias]));

        // A name claim without an authentication type: not signed in, whatever the claims say.
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "hlidka")]));

        Assert.False(await AuthorizeAsync(anonymous, Section, dispatch));
    }

    [Fact]
    public async Task Administration_needs_the_admin_group_as_well_as_the_section()
    {
        var admin = BackOfficeUser("spravce", (Constants.Security.AdminGroupAlias, [Constants.Applications.Settings, NotificationsPolicies.SectionAlias]));
        var dispatch = BackOfficeUser("hlidka", ("studenkaDispatch", [NotificationsPolicies.SectionAlias]));
        var administration = Section with { AdministratorsOnly = true };

        Assert.True(await AuthorizeAsync(SignedIn("spravce"), administration, admin, dispatch));
        Assert.False(await AuthorizeAsync(SignedIn("hlidka"), administration, admin, dispatch));
    }

    [Fact]
    public void Under_umbraco_the_section_policy_uses_the_backoffice_scheme_and_the_section_requirement()
    {
        var services = ComposedServices();

        var policy = services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.GetPolicy(NotificationsPolicies.SectionAccess)!;
        var admin = services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.GetPolicy(NotificationsPolicies.Administration)!;

        Assert.Equal([Studenka.Umbraco.Notifications.Umbraco.UmbracoBuilderExtensions.BackOfficeScheme], policy.AuthenticationSchemes);
        Assert.Equal(Section, Assert.Single(policy.Requirements));
        Assert.Equal(Section with { AdministratorsOnly = true }, Assert.Single(admin.Requirements));
    }

    [Fact]
    public void Under_umbraco_the_operator_is_the_current_backoffice_user()
    {
        var user = BackOfficeUser("hlidka", ("studenkaDispatch", [NotificationsPolicies.SectionAlias]));
        user.Name = "Městská policie";
        var security = new FixedBackOfficeSecurity(user);
        var services = ComposedServices(s => s.AddSingleton<IBackOfficeSecurityAccessor>(security));

        var context = services.GetRequiredService<IOperatorContext>();

        Assert.Equal(new OperatorIdentity("hlidka", "Městská policie", OperatorRole.Dispatch) { UserName = "hlidka" }, context.Current);
        security.User = null;
        Assert.Null(context.Current);
    }

    private static ServiceProvider ComposedServices(Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        var typeLoader = new TypeLoader(
            new TypeFinder(NullLogger<TypeFinder>.Instance, new DefaultUmbracoAssemblyProvider(typeof(StudenkaNotificationsComposer).Assembly, NullLoggerFactory.Instance), null),
            NullLogger<TypeLoader>.Instance);
        new StudenkaNotificationsComposer().Compose(new UmbracoBuilder(services, new ConfigurationBuilder().Build(), typeLoader));
        services.AddLogging();
        extra?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Stands in for Umbraco's helper, which resolves the user through IUserService.</summary>
    private sealed class UsersByName(IEnumerable<IUser> users) : IAuthorizationHelper
    {
        public IUser GetUmbracoUser(IPrincipal currentUser) =>
            TryGetUmbracoUser(currentUser, out var user) ? user : throw new InvalidOperationException("no user");

        public bool TryGetUmbracoUser(IPrincipal currentUser, [NotNullWhen(true)] out IUser? user)
        {
            user = users.FirstOrDefault(u => u.Username == currentUser.Identity?.Name);
            return user is not null;
        }
    }

    private sealed class FixedBackOfficeSecurity(IUser? user) : IBackOfficeSecurityAccessor, IBackOfficeSecurity
    {
        public IUser? User { get; set; } = user;

        public IBackOfficeSecurity? BackOfficeSecurity => this;

        public IUser? CurrentUser => User;

        public bool IsAuthenticated() => User is not null;

        public bool UserHasSectionAccess(string section, IUser user) => user.AllowedSections.Contains(section);
    }
}
