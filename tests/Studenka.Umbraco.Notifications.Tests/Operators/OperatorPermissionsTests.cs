using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Operators;

public sealed class OperatorPermissionsTests
{
    [Theory]
    [InlineData(OperatorRole.Administrator, new[] { 1, 2, 3, 4 })]
    [InlineData(OperatorRole.Editor, new[] { 2, 3, 4 })]
    [InlineData(OperatorRole.Dispatch, new[] { 1, 2 })]
    public void Each_role_may_send_exactly_its_packages(OperatorRole role, int[] packages)
    {
        var permissions = OperatorPermissions.For(role);

        Assert.Equal(packages, Enumerable.Range(0, 7).Where(permissions.MaySend));
    }

    [Fact]
    public void Only_administrators_see_personal_data_export_and_administer()
    {
        var rows = Enum.GetValues<OperatorRole>().Select(OperatorPermissions.For)
            .Select(p => (p.Role, p.SeesPersonalData, p.SeesRecipients, p.MayExport, p.Administration));

        Assert.Equal(
            [
                (OperatorRole.Administrator, true, true, true, true),
                (OperatorRole.Editor, false, false, false, false),
                (OperatorRole.Dispatch, false, true, false, false),
            ],
            rows);
    }

    [Fact]
    public void An_actor_without_a_role_may_do_nothing()
    {
        var none = new OperatorIdentity("?", "nepřihlášený").Permissions;

        Assert.Empty(none.Packages);
        Assert.False(none.SeesPersonalData || none.SeesRecipients || none.MayExport || none.Administration);
    }

    [Theory]
    [InlineData("+420603123456", "+420 603 *** 456")]
    [InlineData("+421903123456", "+421 *** 456")]
    [InlineData("deleted:17", "(údaje smazány)")]
    [InlineData("603123456", "***")]
    public void Numbers_are_masked_for_roles_without_personal_data(string phone, string shown)
    {
        Assert.Equal(shown, OperatorPermissions.For(OperatorRole.Dispatch).MaskPhone(phone));
    }

    [Theory]
    [InlineData("jana.novakova@seznam.cz", "j***@s***.cz")]
    [InlineData("x@y.cz", "x***@y***.cz")]
    [InlineData("deleted:17", "(údaje smazány)")]
    [InlineData("nonsense", "***")]
    [InlineData("a@cz", "***")]
    public void E_mails_are_masked_for_roles_without_personal_data(string email, string shown)
    {
        Assert.Equal(shown, OperatorPermissions.For(OperatorRole.Dispatch).MaskAddress("email", email));
        // An SMS recipient's address is still a phone, masked as one.
        Assert.Equal("+420 603 *** 456", OperatorPermissions.For(OperatorRole.Dispatch).MaskAddress("sms", "+420603123456"));
    }

    [Fact]
    public void Administrators_see_the_number_in_full()
    {
        Assert.Equal("+420603123456", OperatorPermissions.For(OperatorRole.Administrator).MaskPhone("+420603123456"));
    }

    [Fact]
    public void The_refusal_names_the_role_and_what_it_may_send_in_czech()
    {
        Assert.Equal("Role Redaktor nesmí posílat zprávy balíčku 1; smí jen balíčky 2, 3, 4.", OperatorPermissions.For(OperatorRole.Editor).PackageRefusal(1));
    }
}
