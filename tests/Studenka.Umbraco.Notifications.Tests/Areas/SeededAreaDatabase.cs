using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

/// <summary>A migrated and seeded package database in a temp SQLite file, as a fresh site has it.</summary>
internal sealed class SeededAreaDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private SeededAreaDatabase(TestDatabase database)
    {
        _database = database;
        Importer = new RuianImportService(database.Connections);
        Areas = new AreaRepository(database.Connections);
        Review = new AddressReview(database.Connections);
        Mapping = new AddressMapping(database.Connections, new AuditLog(database.Connections, database.Time));
        Targeting = new RecipientTargeting(database.Connections);
    }

    public AddressReview Review { get; }

    public AddressMapping Mapping { get; }

    /// <summary>The one definition of who a campaign reaches (preview and snapshot use it).</summary>
    public RecipientTargeting Targeting { get; }

    public IDbConnectionFactory Connections => _database.Connections;

    public RuianImportService Importer { get; }

    public AreaRepository Areas { get; }

    public static async Task<SeededAreaDatabase> CreateAsync() =>
        new(await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero))));

    public Task<RuianImportResult> ImportAsync(byte[] file) =>
        Importer.ImportAsync(new MemoryStream(file), AreaSeeder.StudenkaMunicipalityCode, CancellationToken.None);

    public Task<RuianImportResult> ImportAsync(IEnumerable<RuianAddress> addresses) => ImportAsync(RuianCsvFile.Encode(addresses));

    public sealed record StreetRow(string Part, string Name, long? RuianCode, string Source, long IsActive);

    public async Task<List<StreetRow>> StreetsAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<StreetRow>("""
            SELECT p.name AS Part, s.name AS Name, s.ruian_code AS RuianCode, s.source AS Source, s.is_active AS IsActive
            FROM streets s JOIN city_parts p ON p.id = s.city_part_id ORDER BY s.id
            """)).ToList();
    }

    /// <summary>Every row of every table, in rowid order: equal snapshots mean nothing was written.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var text = new StringBuilder();
        foreach (var table in await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{table}]");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                text.AppendLine(string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
            }
        }

        return text.ToString();
    }

    public async Task<long> PartIdAsync(string part)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM city_parts WHERE name = @part", new { part });
    }

    /// <summary>The id of the street of that name in that part (active or not); fails when there is none.</summary>
    public async Task<long> StreetIdAsync(string part, string street)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<long>(
            "SELECT s.id FROM streets s JOIN city_parts p ON p.id = s.city_part_id WHERE p.name = @part AND s.name = @street", new { part, street });
    }

    /// <summary>
    /// An active resident of package 1 with one address, stored through the repository the confirmed sign-up uses
    /// (so the house number's parts are stored as sign-up stores them). <paramref name="typedStreet"/> is
    /// a street missing from the list.
    /// </summary>
    public async Task<long> AddResidentAsync(string phone, string part, string? street, string? houseNumber = null, string? typedStreet = null)
    {
        var partId = await PartIdAsync(part);
        long? streetId = street is null ? null : await StreetIdAsync(part, street);
        var house = houseNumber is null ? null : HouseNumber.Parse(houseNumber)?.Canonical ?? throw new ArgumentException("not a house number: " + houseNumber);
        var details = new SubscriptionDetails(null, null, [new ValidatedAddress(1, partId, streetId, house, typedStreet)], [TopicPackages.Crisis]);
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        // A sign-up waits as JSON beside its code; the round trip is part of the path.
        var signUp = PendingSignUp.FromJson(new PendingSignUp(details, "test", 0).ToJson());
        var (id, _) = await SubscriberRepository.ActivateSignUpAsync(connection, transaction, phone, signUp, DateTimeOffset.UnixEpoch, CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }

    public sealed record AddressRow(string Part, string? Street, string? StreetText, string? HouseNumber);

    public async Task<AddressRow> AddressOfAsync(long subscriberId)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<AddressRow>("""
            SELECT p.name AS Part, s.name AS Street, a.street_text AS StreetText, a.house_number AS HouseNumber
            FROM subscriber_addresses a JOIN city_parts p ON p.id = a.city_part_id LEFT JOIN streets s ON s.id = a.street_id
            WHERE a.subscriber_id = @subscriberId
            """, new { subscriberId });
    }

    /// <summary>How many a crisis campaign to these streets would reach, counted by the real targeting.</summary>
    public async Task<int> ReachedByStreetAsync(params long[] streetIds) =>
        (await Targeting.CountAsync(new CampaignAudience(TopicPackages.Crisis, [], streetIds), CancellationToken.None)).Sms;

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
