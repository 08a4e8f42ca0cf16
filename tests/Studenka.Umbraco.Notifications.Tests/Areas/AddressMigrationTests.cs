using Dapper;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

public sealed class AddressMigrationTests
{
    [Fact]
    public async Task House_numbers_stored_before_migration_11_get_their_parts_so_the_register_check_reads_them()
    {
        await using var db = await TestDatabase.CreateAsync(new FakeTimeProvider(), seed: false);
        await using var connection = await db.OpenAsync();
        // Back to the schema of version 10 with the rows an older site stored; then migrate as an upgrade does.
        await connection.ExecuteAsync("""
            DROP TABLE address_points;
            ALTER TABLE streets DROP COLUMN needs_mapping;
            ALTER TABLE subscriber_addresses DROP COLUMN house_kind;
            ALTER TABLE subscriber_addresses DROP COLUMN house_building;
            ALTER TABLE subscriber_addresses DROP COLUMN house_orientation;
            ALTER TABLE subscriber_addresses DROP COLUMN house_orientation_letter;
            ALTER TABLE subscriber_addresses DROP COLUMN street_text;
            DELETE FROM schema_migrations WHERE version IN (11, 12);
            INSERT INTO city_parts (id, ruian_code, municipality_code, name) VALUES (1, 158453, 599921, 'Butovice');
            INSERT INTO subscribers (id, phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms) VALUES (1, '+420603000001', 'active', 'v', 0, 0, 0);
            INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, house_number) VALUES (1, 1, 1, '762'), (1, 2, 1, '1234/5A'), (1, 3, 1, '012/07');
            """);

        var applied = await db.Migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal([11, 12], applied);
        var rows = (await connection.QueryAsync<(string Number, string? Kind, long? Building, long? Orientation, string? Letter)>(
            "SELECT house_number, house_kind, house_building, house_orientation, house_orientation_letter FROM subscriber_addresses ORDER BY position")).ToList();
        Assert.Equal([("762", null, 762L, null, null), ("1234/5a", "cp", 1234L, 5L, "a"), ("12/7", "cp", 12L, 7L, null)], rows);
        // The stored parts are exactly what the parser reads from the stored text.
        Assert.All(rows, r => Assert.Equal(HouseNumber.Parse(r.Number), new HouseNumber(r.Number, r.Kind, (int?)r.Building, (int?)r.Orientation, r.Letter)));
    }
}
