using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

internal sealed record OutboxRow(long Id, string Phone, string Status, long Attempts, long NextAttemptAtMs, string? LeaseOwner, string? BatchId, string? ProviderMessageId, string? Error);

internal sealed record CampaignRow(string State, long? RecipientCount, string? FailureReason, long? FinishedAtMs);

/// <summary>
/// The real delivery pipeline over a fresh SQLite file (or PostgreSQL database), with a fake clock and a scripted gateway.
/// Subscribers and campaigns are written with plain SQL: the campaigns API is another feature.
/// </summary>
internal sealed class DeliveryBed : IAsyncDisposable
{
    private long _phoneCounter;

    private DeliveryBed(TestDatabase database, FakeTimeProvider time, DeliveryOptions options)
    {
        Database = database;
        Time = time;
        Options = options;
        Node = new DeliveryNode("node-a");
        Status = TestDelivery.Status(database.Connections, Node, time, options);
        Runner = CreateRunner(Node, Gateway, Status);
        Snapshotter = new CampaignSnapshotter(database.Connections, time, NullLogger<CampaignSnapshotter>.Instance);
        Leases = new LeaseRecovery(database.Connections, Node, time, NullLogger<LeaseRecovery>.Instance);
        Progress = new DeliveryProgressQuery(database.Connections);
        Claims = new OutboxClaims(database.Connections);
        Audit = new AuditLog(database.Connections, time);
        Heartbeat = new DeliveryHeartbeat(database.Connections, Node, Status, time, Microsoft.Extensions.Options.Options.Create(options));
        Administration = new DeliveryAdministration(Status, Progress, Heartbeat, new DeliverySignal(), Audit);
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public DeliveryOptions Options { get; }

    public ScriptedSmsGateway Gateway { get; } = new();

    public DeliveryStatus Status { get; }

    public DeliveryNode Node { get; }

    public DeliveryRunner Runner { get; }

    public CampaignSnapshotter Snapshotter { get; }

    public LeaseRecovery Leases { get; }

    public DeliveryProgressQuery Progress { get; }

    public OutboxClaims Claims { get; }

    public AuditLog Audit { get; }

    public DeliveryHeartbeat Heartbeat { get; }

    public DeliveryAdministration Administration { get; }

    public static async Task<DeliveryBed> CreateAsync(Action<DeliveryOptions>? configure = null, DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        // Fast buckets: these tests are about what is sent, not how fast.
        var options = new DeliveryOptions { RequestsPerSecond = 10_000, SmsPerSecond = 100_000, MaxAttempts = 3, RetryBaseSeconds = 10, RetryMaxSeconds = 60 };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        return new DeliveryBed(await TestDatabase.CreateAsync(time, engine: engine), time, options);
    }

    public DeliveryRunner CreateRunner(DeliveryNode node, ISmsGateway gateway, DeliveryStatus status, ILoggerFactory? logs = null) =>
        TestDelivery.Runner(Database.Connections, Time, Options, node, gateway, status, logs);

    /// <summary>Another node's pause state over the same database.</summary>
    public DeliveryStatus StatusOf(DeliveryNode node) => TestDelivery.Status(Database.Connections, node, Time, Options);

    public Task<DeliveryPass> RunOnceAsync() => Runner.RunOnceAsync(CancellationToken.None);

    /// <summary>Ids of seeded areas: a city part with streets, two of its streets, and another city part.</summary>
    public async Task<(long PartWithStreets, long Street, long OtherStreet, long OtherPart)> AreasAsync()
    {
        await using var connection = await Database.OpenAsync();
        var streets = (await connection.QueryAsync<(long Id, long PartId)>("SELECT id, city_part_id FROM streets ORDER BY id LIMIT 2")).ToList();
        var otherPart = await connection.ExecuteScalarAsync<long>("SELECT id FROM city_parts WHERE id <> @part ORDER BY id LIMIT 1", new { part = streets[0].PartId });
        return (streets[0].PartId, streets[0].Id, streets[1].Id, otherPart);
    }

    /// <summary>Adds a subscriber living in <paramref name="partId"/> (optionally a street) and returns its phone.</summary>
    public async Task<string> AddSubscriberAsync(int[] packages, long partId, long? streetId = null, string status = "active", (long PartId, long? StreetId)? secondAddress = null)
    {
        var phone = $"+420601{Interlocked.Increment(ref _phoneCounter):000000}";
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await Database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms)
            VALUES (@phone, @status, 'v1', @now, @now, @now) RETURNING id
            """, new { phone, status, now });
        await connection.ExecuteAsync("INSERT INTO subscriber_packages (subscriber_id, package_id) VALUES (@id, @package)", packages.Select(package => new { id, package }));
        await connection.ExecuteAsync("INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, street_id) VALUES (@id, 1, @partId, @streetId)", new { id, partId, streetId });
        if (secondAddress is { } second)
        {
            await connection.ExecuteAsync("INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, street_id) VALUES (@id, 2, @PartId, @StreetId)", new { id, second.PartId, second.StreetId });
        }

        return phone;
    }

    public async Task<List<string>> AddSubscribersAsync(int count, int package, long partId)
    {
        var phones = new List<string>();
        for (var i = 0; i < count; i++)
        {
            phones.Add(await AddSubscriberAsync([package], partId));
        }

        return phones;
    }

    /// <summary>A campaign as the campaigns feature leaves it: scheduled and due now unless said otherwise.</summary>
    public async Task<long> AddCampaignAsync(
        int packageId, long[]? partIds = null, long[]? streetIds = null, string state = "scheduled", DateTimeOffset? dueAt = null, string? originator = null)
    {
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await Database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, due_at_ms, created_at_ms, updated_at_ms, originator)
            VALUES (@packageId, 'Odstávka vody', 'transliterate', 'Odstavka vody', 'gsm7', 1, 'manual', 'test', @state, @due, @now, @now, @originator) RETURNING id
            """, new { packageId, state, due = (dueAt ?? Time.GetUtcNow()).ToUnixTimeMilliseconds(), now, originator });
        await connection.ExecuteAsync("INSERT INTO campaign_city_parts (campaign_id, city_part_id) VALUES (@id, @part)", (partIds ?? []).Select(part => new { id, part }));
        await connection.ExecuteAsync("INSERT INTO campaign_streets (campaign_id, street_id) VALUES (@id, @street)", (streetIds ?? []).Select(street => new { id, street }));
        return id;
    }

    public async Task<CampaignRow> CampaignAsync(long id)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.QuerySingleAsync<CampaignRow>(
            "SELECT state AS State, recipient_count AS RecipientCount, failure_reason AS FailureReason, finished_at_ms AS FinishedAtMs FROM campaigns WHERE id = @id", new { id });
    }

    public async Task<List<OutboxRow>> OutboxAsync(long campaignId)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<OutboxRow>("""
            SELECT id AS Id, address AS Phone, status AS Status, attempts AS Attempts, next_attempt_at_ms AS NextAttemptAtMs, lease_owner AS LeaseOwner,
                   batch_id AS BatchId, provider_message_id AS ProviderMessageId, error AS Error
            FROM outbox WHERE campaign_id = @campaignId ORDER BY id
            """, new { campaignId })).ToList();
    }

    /// <summary>The campaigns feature's cancel statement (the operator and audit around it are another feature's tests).</summary>
    public async Task CancelCampaignAsync(long id)
    {
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await Studenka.Umbraco.Notifications.Campaigns.CampaignRepository.CancelAsync(connection, transaction, id, "test", Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None));
        await transaction.CommitAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
