using Microsoft.Data.Sqlite;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Operators;

public sealed class OperatorAccountsTests
{
    private static Task<CreateOperatorResult> Create(OperatorTestBed bed, string userName, string password, string displayName = "Jana Nováková") =>
        bed.Accounts.CreateAsync(userName, displayName, OperatorRole.Administrator, password, OperatorTestBed.Setup, CancellationToken.None);

    [Fact]
    public async Task Creating_an_operator_stores_it_and_writes_who_created_it_to_the_audit_log()
    {
        await using var bed = await OperatorTestBed.CreateAsync();

        var result = await Create(bed, "jana", OperatorTestBed.Password);

        Assert.Equal(CreateOperatorOutcome.Created, result.Outcome);
        var stored = await bed.Repository.FindAsync("JANA", CancellationToken.None);
        Assert.Equal(("jana", "Jana Nováková", OperatorRole.Administrator), (stored!.UserName, stored.DisplayName, stored.Role));
        var entry = Assert.Single(await bed.Audit.ReadAsync(10, CancellationToken.None));
        Assert.Equal(("operator.created", "jana", "test setup (tests)"), (entry.Action, entry.Subject, entry.Actor));
    }

    [Fact]
    public async Task A_name_that_differs_only_in_letter_case_is_a_duplicate()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await Create(bed, "jana", OperatorTestBed.Password);

        var result = await Create(bed, "JANA", OperatorTestBed.Password);

        Assert.Equal(CreateOperatorOutcome.DuplicateUserName, result.Outcome);
        Assert.Equal("Operátor se jménem „JANA“ už existuje.", result.Error);
    }

    [Theory]
    [InlineData("jana", "kratke-hesl")] // one character below the minimum of 12
    [InlineData("jana", "aaaaaaaaaaaaaaaaaaaa")]
    [InlineData("jana.novakova1", "JANA.NOVAKOVA1")]
    public async Task Weak_passwords_are_refused_with_a_reason(string userName, string password)
    {
        await using var bed = await OperatorTestBed.CreateAsync();

        var result = await Create(bed, userName, password);

        Assert.Equal(CreateOperatorOutcome.WeakPassword, result.Outcome);
        Assert.StartsWith("Heslo ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await bed.ScalarAsync<long>("SELECT COUNT(*) FROM operators"));
    }

    [Theory]
    [InlineData("", "Jana", CreateOperatorOutcome.InvalidUserName)]
    [InlineData("jana novakova", "Jana", CreateOperatorOutcome.InvalidUserName)]
    [InlineData("jana", "  ", CreateOperatorOutcome.InvalidDisplayName)]
    public async Task Names_with_spaces_or_empty_names_are_refused(string userName, string displayName, CreateOperatorOutcome expected)
    {
        await using var bed = await OperatorTestBed.CreateAsync();

        var result = await Create(bed, userName, OperatorTestBed.Password, displayName);

        Assert.Equal(expected, result.Outcome);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone else'")]
    [InlineData("DELETE FROM audit_log")]
    public async Task Audit_entries_cannot_be_changed_or_deleted_even_with_direct_sql(string sql)
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await Create(bed, "jana", OperatorTestBed.Password);
        await using var connection = await bed.Database.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("audit_log is append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("test setup (tests)", Assert.Single(await bed.Audit.ReadAsync(10, CancellationToken.None)).Actor);
    }
}
