using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using global::Umbraco.Cms.Core;
using global::Umbraco.Cms.Core.Models.Membership;
using global::Umbraco.Cms.Core.Notifications;
using global::Umbraco.Cms.Core.Strings;
using global::Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Tests.Umbraco;

public sealed class UserGroupsSetupTests
{
    private static readonly DefaultShortStringHelper ShortStrings = new(new DefaultShortStringHelperConfig());

    private readonly InMemoryUserGroups _groups = new();
    private readonly InMemoryKeyValues _keyValues = new();

    public UserGroupsSetupTests()
    {
        // What a fresh Umbraco install has: the admin group with the built-in sections, no SMS section.
        var admin = new UserGroup(ShortStrings) { Key = Constants.Security.AdminGroupKey, Alias = Constants.Security.AdminGroupAlias, Name = "Administrators", Id = 1 };
        admin.AddAllowedSection(Constants.Applications.Content);
        admin.AddAllowedSection(Constants.Applications.Settings);
        _groups.Add(admin);
    }

    private Task StartAsync(RuntimeLevel level = RuntimeLevel.Run, ServerRole role = ServerRole.Single) =>
        new UserGroupsSetup(new FixedRuntimeState(level), new FixedServerRole(role), _keyValues, _groups, ShortStrings,
                Options.Create(new OperatorOptions()), NullLogger<UserGroupsSetup>.Instance)
            .HandleAsync(new UmbracoApplicationStartedNotification(isRestarting: false), CancellationToken.None);

    private IUserGroup? Group(string alias) => _groups.All.SingleOrDefault(g => g.Alias == alias);

    [Theory]
    [InlineData(ServerRole.Single)]
    [InlineData(ServerRole.SchedulingPublisher)]
    public async Task The_first_start_creates_the_dispatch_group_with_only_the_sms_section_and_gives_admin_the_section(ServerRole role)
    {
        await StartAsync(role: role);

        var dispatch = Group("studenkaDispatch");
        Assert.NotNull(dispatch);
        Assert.Equal([NotificationsPolicies.SectionAlias], dispatch.AllowedSections);
        Assert.Empty(dispatch.Permissions);
        Assert.False(dispatch.HasAccessToAllLanguages);
        Assert.Equal(BackOfficeRoles.DispatchGroupKey, dispatch.Key);
        Assert.Equal(
            [Constants.Applications.Content, Constants.Applications.Settings, NotificationsPolicies.SectionAlias],
            Group(Constants.Security.AdminGroupAlias)!.AllowedSections);
        Assert.Equal(UserGroupsSetup.Done, _keyValues.GetValue(UserGroupsSetup.StateKey));
    }

    [Fact]
    public async Task The_second_start_changes_nothing()
    {
        await StartAsync();
        var (creates, updates) = (_groups.Creates, _groups.Updates);
        // An administrator later takes the section away from admin on purpose: the next start must not undo it.
        Group(Constants.Security.AdminGroupAlias)!.RemoveAllowedSection(NotificationsPolicies.SectionAlias);

        await StartAsync();

        Assert.Equal((creates, updates), (_groups.Creates, _groups.Updates));
        Assert.Equal(2, _groups.All.Count);
        Assert.DoesNotContain(NotificationsPolicies.SectionAlias, Group(Constants.Security.AdminGroupAlias)!.AllowedSections);
    }

    [Fact]
    public async Task Without_its_state_the_setup_finds_the_groups_done_and_creates_no_second_group()
    {
        await StartAsync();
        _keyValues.Values.Clear();
        var (creates, updates) = (_groups.Creates, _groups.Updates);

        await StartAsync();

        Assert.Equal((creates, updates), (_groups.Creates, _groups.Updates));
        Assert.Single(_groups.All, g => g.Alias == "studenkaDispatch");
        Assert.Equal(UserGroupsSetup.Done, _keyValues.GetValue(UserGroupsSetup.StateKey));
    }

    [Theory]
    [InlineData(ServerRole.Subscriber)]
    [InlineData(ServerRole.Unknown)]
    public async Task A_subscriber_server_changes_nothing(ServerRole role)
    {
        await StartAsync(role: role);

        Assert.Null(Group("studenkaDispatch"));
        Assert.DoesNotContain(NotificationsPolicies.SectionAlias, Group(Constants.Security.AdminGroupAlias)!.AllowedSections);
        Assert.Empty(_keyValues.Values);
    }

    [Theory]
    [InlineData(RuntimeLevel.Install)]
    [InlineData(RuntimeLevel.Upgrade)]
    [InlineData(RuntimeLevel.Boot)]
    public async Task Below_run_level_nothing_is_changed(RuntimeLevel level)
    {
        await StartAsync(level);

        Assert.Equal((0, 0), (_groups.Creates, _groups.Updates));
        Assert.Empty(_keyValues.Values);
    }
}
