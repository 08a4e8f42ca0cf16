using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Tests.Delivery;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

/// <summary>The package on PostgreSQL: its own migrations, several nodes on one database. Skipped (visibly) without ./test.sh's server.</summary>
public sealed class PostgresEngineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [PostgresFact]
    public async Task Two_nodes_starting_together_apply_every_migration_once()
    {
        await using var db = await TestDatabase.CreateAsync(_time, seed: false, engine: DatabaseProvider.PostgreSql);
        await using (var connection = await db.OpenAsync())
        {
            // Back to an empty database: the nodes below race for all of it.
            await connection.ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        }

        // Separate pools, as two processes would have.
        await using var nodeA = new PostgresConnectionFactory(db.ConnectionString);
        await using var nodeB = new PostgresConnectionFactory(db.ConnectionString);
        var applied = await Task.WhenAll(
            new DatabaseMigrator(nodeA, _time, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None),
            new DatabaseMigrator(nodeB, _time, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));

        var all = MigrationScripts.For(MigrationScripts.Postgres).Select(m => m.Version).ToList();
        Assert.Equal(all, applied.SelectMany(a => a).Order());
        await using var check = await db.OpenAsync();
        Assert.Equal(all.Select(v => (long)v), await check.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Empty(await new DatabaseMigrator(nodeA, _time, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));
    }

    [PostgresFact]
    public async Task Operator_names_are_unique_in_any_letter_case_and_the_audit_log_refuses_edits()
    {
        await using var db = await TestDatabase.CreateAsync(_time, engine: DatabaseProvider.PostgreSql);
        var operators = new Notifications.Operators.OperatorRepository(db.Connections);

        Assert.NotNull(await operators.InsertAsync("Jana", "Jana N.", Notifications.Operators.OperatorRole.Editor, "hash", _time.GetUtcNow(), CancellationToken.None));
        Assert.Null(await operators.InsertAsync("jana", "Jiná Jana", Notifications.Operators.OperatorRole.Editor, "hash", _time.GetUtcNow(), CancellationToken.None));
        Assert.Equal("Jana", (await operators.FindAsync("JANA", CancellationToken.None))?.UserName);

        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO audit_log (at_ms, actor, action) VALUES (1, 'test', 'x')");
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE audit_log SET actor = 'someone else'"));
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DELETE FROM audit_log"));
    }

    [PostgresFact]
    public async Task A_campaign_is_snapshotted_once_per_phone_and_delivered_on_PostgreSQL()
    {
        await using var bed = await DeliveryBed.CreateAsync(engine: DatabaseProvider.PostgreSql);
        var areas = await bed.AreasAsync();
        var inStreet = await bed.AddSubscriberAsync([3], areas.PartWithStreets, areas.Street, secondAddress: (areas.OtherPart, null));
        var elsewhere = await bed.AddSubscriberAsync([3], areas.OtherPart);
        await bed.AddSubscriberAsync([3], areas.PartWithStreets, areas.OtherStreet);
        var campaign = await bed.AddCampaignAsync(packageId: 3, partIds: [areas.OtherPart], streetIds: [areas.Street]);

        await bed.RunOnceAsync();

        Assert.Equal(new[] { inStreet, elsewhere }.Order(), (await bed.OutboxAsync(campaign)).Select(r => r.Phone).Order());
        Assert.Equal(new[] { inStreet, elsewhere }.Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
    }

    [PostgresFact]
    public async Task Two_dispatchers_with_their_own_pools_claim_disjoint_rows_and_both_make_progress()
    {
        await using var bed = await DeliveryBed.CreateAsync(engine: DatabaseProvider.PostgreSql);
        var areas = await bed.AreasAsync();
        var phones = await bed.AddSubscribersAsync(400, 2, areas.OtherPart);
        await bed.AddCampaignAsync(packageId: 2);
        Assert.Equal(1, await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None));
        await using var poolA = new PostgresConnectionFactory(bed.Database.ConnectionString);
        await using var poolB = new PostgresConnectionFactory(bed.Database.ConnectionString);

        // All four start together and each "sends" a little while after its claim, as a real node
        // would: otherwise on a loaded machine the first one can drain the queue before the others start.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<List<string>> DispatchAsync(IDbConnectionFactory pool, string owner)
        {
            var claims = new OutboxClaims(pool);
            var taken = new List<string>();
            await start.Task;
            // Each claim holds its rows locked while the other node's claim runs past them.
            while (await claims.ClaimAsync(owner, 5, bed.Time.GetUtcNow(), TimeSpan.FromMinutes(5), CancellationToken.None) is { } batch)
            {
                taken.AddRange(batch.Phones);
                await Task.Delay(5);
            }

            return taken;
        }

        var running = Enumerable.Range(0, 4).Select(i => Task.Run(() => DispatchAsync(i % 2 == 0 ? poolA : poolB, $"node-{i % 2}-{i}"))).ToList();
        start.SetResult();
        var results = await Task.WhenAll(running);

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(phones.Order(), all.Order());
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(results, r => Assert.NotEmpty(r));
        Assert.All(await bed.OutboxAsync(1), r => Assert.Equal("claimed", r.Status));
    }

    /// <summary>
    /// Migration 0032 drops the foreign key outbox.campaign_id (a check per written row, most of a
    /// million-row snapshot's time); what it guarded stays guarded: a sent campaign cannot vanish.
    /// </summary>
    [PostgresFact]
    public async Task A_campaign_with_outbox_rows_cannot_be_deleted()
    {
        await using var bed = await DeliveryBed.CreateAsync(engine: DatabaseProvider.PostgreSql);
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(3, 2, areas.OtherPart);
        var sent = await bed.AddCampaignAsync(packageId: 2);
        Assert.Equal(1, await bed.Snapshotter.SnapshotDueAsync(CancellationToken.None));

        await using var connection = await bed.Database.OpenAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DELETE FROM campaigns WHERE id = @sent", new { sent }));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE campaign_id = @sent", new { sent }));
    }
}
