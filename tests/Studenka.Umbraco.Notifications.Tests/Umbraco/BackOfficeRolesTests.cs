using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using global::Umbraco.Cms.Core;
using global::Umbraco.Cms.Core.Configuration.Models;
using global::Umbraco.Cms.Core.Models.Membership;
using global::Umbraco.Cms.Core.Strings;
using global::Umbraco.Extensions;

namespace Studenka.Umbraco.Notifications.Tests.Umbraco;

public sealed class BackOfficeRolesTests
{
    private const string Sms = NotificationsPolicies.SectionAlias;

    internal static User BackOfficeUser(string userName, params (string Alias, string[] Sections)[] groups)
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

    private static OperatorRole? RoleOf(User user, OperatorOptions? options = null) => new BackOfficeRoles(Options.Create(options ?? new OperatorOptions())).RoleOf(user);

    [Fact]
    public void Groups_give_the_roles_of_the_issue()
    {
        Assert.Equal(OperatorRole.Administrator, RoleOf(BackOfficeUser("spravce", (Constants.Security.AdminGroupAlias, [Constants.Applications.Settings, Sms]))));
        Assert.Equal(OperatorRole.Dispatch, RoleOf(BackOfficeUser("hlidka", ("studenkaDispatch", [Sms]))));
        Assert.Equal(OperatorRole.Editor, RoleOf(BackOfficeUser("redaktor", ("editor", [Constants.Applications.Content, Sms]))));
    }

    [Fact]
    public void Without_the_sms_section_nobody_has_a_role_not_even_an_admin()
    {
        Assert.Null(RoleOf(BackOfficeUser("obsah", ("editor", [Constants.Applications.Content]))));
        Assert.Null(RoleOf(BackOfficeUser("spravce", (Constants.Security.AdminGroupAlias, [Constants.Applications.Settings]))));
        Assert.Null(RoleOf(BackOfficeUser("hlidka", ("studenkaDispatch", []))));
    }

    [Fact]
    public void A_member_of_several_groups_gets_the_highest_role()
    {
        var both = BackOfficeUser("vedouci", ("studenkaDispatch", [Sms]), (Constants.Security.AdminGroupAlias, [Sms]));
        var dispatchAndEditor = BackOfficeUser("smena", ("editor", [Sms]), ("studenkaDispatch", [Sms]));

        Assert.Equal(OperatorRole.Administrator, RoleOf(both));
        Assert.Equal(OperatorRole.Dispatch, RoleOf(dispatchAndEditor));
    }

    [Fact]
    public void Configured_aliases_replace_the_defaults()
    {
        var options = new OperatorOptions { AdministratorGroups = ["spravciSms"], DispatchGroups = ["mestskaPolicie"] };

        Assert.Equal(OperatorRole.Administrator, RoleOf(BackOfficeUser("a", ("spravciSms", [Sms])), options));
        Assert.Equal(OperatorRole.Dispatch, RoleOf(BackOfficeUser("b", ("MestskaPolicie", [Sms])), options));
        // The default aliases no longer count: admin is now an Editor of the SMS section, studenkaDispatch too.
        Assert.Equal(OperatorRole.Editor, RoleOf(BackOfficeUser("c", (Constants.Security.AdminGroupAlias, [Sms])), options));
        Assert.Equal(OperatorRole.Editor, RoleOf(BackOfficeUser("d", ("studenkaDispatch", [Sms])), options));
    }

    [Fact]
    public void A_group_in_both_lists_or_a_blank_alias_is_refused_at_start()
    {
        static IReadOnlyList<string?> Errors(OperatorOptions o) =>
            o.Validate(new ValidationContext(o)).Select(r => r.ErrorMessage).ToList();

        Assert.Empty(Errors(new OperatorOptions()));
        Assert.Contains(Errors(new OperatorOptions { AdministratorGroups = ["admin"], DispatchGroups = ["Admin"] }), e => e!.Contains("in both", StringComparison.Ordinal));
        Assert.Contains(Errors(new OperatorOptions { DispatchGroups = [" "] }), e => e!.Contains("blank", StringComparison.Ordinal));
    }

    [Fact]
    public void The_operator_carries_the_role_and_the_user_name()
    {
        var user = BackOfficeUser("hlidka", ("studenkaDispatch", [Sms]));
        user.Name = "Městská policie";

        var identity = new BackOfficeRoles(Options.Create(new OperatorOptions())).IdentityOf(user);

        Assert.Equal(new OperatorIdentity("hlidka", "Městská policie", OperatorRole.Dispatch) { UserName = "hlidka" }, identity);
    }
}
