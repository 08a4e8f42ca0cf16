using Dapper;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

public sealed class DatabaseMigratorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private static async Task<string> SchemaAsync(TestDatabase db)
    {
        await using var connection = await db.OpenAsync();
        var sql = await connection.QueryAsync<string>("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
        return string.Join('\n', sql);
    }

    private static async Task<List<(long Version, string Name, long AppliedAtMs)>> MigrationRowsAsync(TestDatabase db)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<(long, string, long)>("SELECT version, name, applied_at_ms FROM schema_migrations ORDER BY version")).ToList();
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(TestDatabase db)
    {
        await using var connection = await db.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "city_parts", "streets", "packages" })
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        }

        return counts;
    }

    [Fact]
    public async Task A_fresh_database_gets_every_migration_in_order()
    {
        await using var db = await TestDatabase.CreateAsync(_time, seed: false);

        var rows = await MigrationRowsAsync(db);

        Assert.Equal(Migrations.All.Select(m => (long)m.Version).Order(), rows.Select(r => r.Version));
        Assert.All(rows, r => Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), r.AppliedAtMs));
    }

    [Fact]
    public async Task Running_the_migrator_again_applies_nothing_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(_time, seed: false);
        var schemaBefore = await SchemaAsync(db);
        var rowsBefore = await MigrationRowsAsync(db);
        _time.Advance(TimeSpan.FromDays(1));

        var applied = await db.Migrator.MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
        Assert.Equal(schemaBefore, await SchemaAsync(db));
        Assert.Equal(rowsBefore, await MigrationRowsAsync(db));
    }

    [Fact]
    public async Task The_first_run_reports_every_version_it_applied()
    {
        await using var db = await TestDatabase.CreateAsync(_time, seed: false);
        await using (var connection = await db.OpenAsync())
        {
            // Back to an empty file: drop everything the helper migrated.
            var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
            await connection.ExecuteAsync("PRAGMA foreign_keys = OFF");
            foreach (var table in tables)
            {
                await connection.ExecuteAsync($"DROP TABLE \"{table}\"");
            }
        }

        var applied = await db.Migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrations.All.Select(m => m.Version).Order(), applied);
    }

    [Fact]
    public async Task Seeding_a_fresh_database_gives_three_city_parts_and_five_packages()
    {
        await using var db = await TestDatabase.CreateAsync(_time);

        var counts = await RowCountsAsync(db);

        Assert.Equal(3, counts["city_parts"]);
        Assert.Equal(5, counts["packages"]);
        Assert.True(counts["streets"] > 0);
    }

    [Fact]
    public async Task Seeding_twice_leaves_the_row_counts_unchanged()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var before = await RowCountsAsync(db);

        await db.SeedAsync();

        Assert.Equal(before, await RowCountsAsync(db));
    }

    [Fact]
    public async Task Seeding_again_does_not_revive_a_street_an_import_retired()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE streets SET is_active = 0 WHERE name = 'Malá strana'");
        }

        await db.SeedAsync();

        await using var check = await db.OpenAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT is_active FROM streets WHERE name = 'Malá strana'"));
    }

    [Fact]
    public async Task Nova_Horka_is_seeded_as_a_part_without_streets()
    {
        await using var db = await TestDatabase.CreateAsync(_time);

        await using var connection = await db.OpenAsync();
        var streets = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM streets s JOIN city_parts p ON p.id = s.city_part_id WHERE p.name = 'Nová Horka'");

        Assert.Equal(0, streets);
    }

    [Fact]
    public void Every_migration_has_its_own_version_and_every_script_exists_for_both_dialects()
    {
        // Features add schema as script pairs in parallel: a reused number or a missing dialect
        // would silently skip one of them on some databases.
        var versions = Migrations.All.Select(m => m.Version).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(
            MigrationScripts.For(MigrationScripts.Sqlite).Select(m => (m.Version, m.Name)),
            MigrationScripts.For(MigrationScripts.Postgres).Select(m => (m.Version, m.Name)));
    }
}
