using Dapper;
using Npgsql;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Operators;

/// <summary>
/// "The last enabled administrator stays" must hold when two administrators act at the same moment on
/// PostgreSQL (two nodes, or two requests of one). The other node's change is played by a transaction
/// left open: its demotion of Jana is written but not committed when Petr's demotion runs. A statement
/// that only reads sees Jana still an administrator then; both would go through and nobody could
/// administer the backoffice again.
/// </summary>
public sealed class LastAdministratorRaceTests
{
    private const string DemoteJanaElsewhere = """
        UPDATE operators SET role = 'Editor' WHERE lower(user_name) = 'jana'
          AND EXISTS (SELECT 1 FROM operators o WHERE o.role = 'Administrator' AND o.locked_until_ms IS NULL AND lower(o.user_name) <> 'jana')
        """;

    [Testing.PostgresFact]
    public async Task A_demotion_while_another_node_demotes_the_other_administrator_waits_for_it_and_is_refused()
    {
        await using var bed = await OperatorTestBed.CreateAsync(DatabaseProvider.PostgreSql);
        var jana = await bed.CreateAsync("jana", OperatorRole.Administrator);
        await bed.CreateAsync("petr", OperatorRole.Administrator);

        var result = await WhileJanaIsDemotedElsewhereAsync(bed, () =>
            bed.Accounts.ChangeRoleAsync("petr", OperatorRole.Editor, Identity(jana), CancellationToken.None, keepAnAdministrator: true));

        Assert.Equal(OperatorAccounts.LastAdministrator, result.Error);
        Assert.Equal("Administrator", await bed.ScalarAsync<string>("SELECT role FROM operators WHERE lower(user_name) = 'petr'"));
    }

    [Testing.PostgresFact]
    public async Task Disabling_while_another_node_demotes_the_other_administrator_waits_for_it_and_is_refused()
    {
        await using var bed = await OperatorTestBed.CreateAsync(DatabaseProvider.PostgreSql);
        var jana = await bed.CreateAsync("jana", OperatorRole.Administrator);
        await bed.CreateAsync("petr", OperatorRole.Administrator);

        var result = await WhileJanaIsDemotedElsewhereAsync(bed, () =>
            bed.Accounts.DisableAsync("petr", Identity(jana), CancellationToken.None, keepAnAdministrator: true));

        Assert.Equal(OperatorAccounts.LastAdministrator, result.Error);
        Assert.Equal(1L, await bed.ScalarAsync<long>("SELECT COUNT(*) FROM operators WHERE role = 'Administrator' AND locked_until_ms IS NULL"));
    }

    private static async Task<ChangeOperatorResult> WhileJanaIsDemotedElsewhereAsync(OperatorTestBed bed, Func<Task<ChangeOperatorResult>> change)
    {
        await using var otherNode = new NpgsqlConnection(bed.Database.ConnectionString);
        await otherNode.OpenAsync();
        await using var transaction = await otherNode.BeginTransactionAsync();
        Assert.Equal(1, await otherNode.ExecuteAsync(DemoteJanaElsewhere, transaction: transaction));

        var running = Task.Run(change);
        // Long enough for the change to have run through if nothing makes it wait for the open transaction.
        await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1)));
        await transaction.CommitAsync();
        return await running;
    }

    private static OperatorIdentity Identity(Operator o) => new(o.UserName, o.DisplayName, o.Role);
}
