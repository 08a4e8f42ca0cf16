using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

/// <summary>
/// The campaign services wired as the package wires them, over a fresh seeded SQLite file, a fake
/// clock (a winter weekday, 10:00 in Studénka) and an acting operator.
/// </summary>
internal sealed class CampaignTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private CampaignTestBed(TestDatabase database, FakeTimeProvider time, CampaignOptions options)
    {
        Database = database;
        Time = time;
        var calendar = new TownCalendar(Options.Create(new SubscriptionOptions()), time);
        QuietHours = new QuietHours(QuietWindow.FromOptions(options), calendar);
        Areas = new AreaRepository(database.Connections);
        Audit = new AuditLog(database.Connections, time);
        Settings = new RuntimeSettings(database.Connections, Audit, calendar, Options.Create(options), Options.Create(Sms),
            Options.Create(new PrivacyOptions()), Options.Create(new SubscriptionOptions()), time, NullLogger<RuntimeSettings>.Instance);
        Previews = new CampaignPreviewService(Areas, new RecipientTargeting(database.Connections), Settings, Options.Create(options),
            Options.Create(Sms), calendar, time, new AddressReview(database.Connections));
        Repository = new CampaignRepository(database.Connections);
        Service = new CampaignService(database.Connections, Repository, Previews, new DeliveryProgressQuery(database.Connections), Settings, Audit, Signal, calendar,
            Options.Create(options), Options.Create(Sms), time);
        Resend = new CampaignResend(database.Connections, Repository, Settings, Audit, Signal, time);
        Recipients = new CampaignRecipients(database.Connections);
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public QuietHours QuietHours { get; }

    public SmsOptions Sms { get; } = new();

    /// <summary>The run-time settings over <c>options</c>, as the campaign services read them.</summary>
    public RuntimeSettings Settings { get; }

    public AreaRepository Areas { get; }

    public CampaignPreviewService Previews { get; }

    public CampaignRepository Repository { get; }

    public AuditLog Audit { get; }

    public DeliverySignal Signal { get; } = new();

    /// <summary>The operator the commands are given; an Administrator (every package) unless a test changes it.</summary>
    public OperatorIdentity Actor { get; set; } = new("7", "Jana Dispečerka", OperatorRole.Administrator);

    public CampaignService Service { get; }

    public CampaignResend Resend { get; }

    public CampaignRecipients Recipients { get; }

    public static async Task<CampaignTestBed> CreateAsync(CampaignOptions? options = null, Notifications.Persistence.DatabaseProvider engine = Notifications.Persistence.DatabaseProvider.Sqlite)
    {
        var time = new FakeTimeProvider(Start);
        return new CampaignTestBed(await TestDatabase.CreateAsync(time, engine: engine), time, options ?? new CampaignOptions());
    }

    public async Task<long> PartIdAsync(string name)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM city_parts WHERE name = @name", new { name });
    }

    public async Task<long> StreetIdAsync(string part, string street)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT s.id FROM streets s JOIN city_parts p ON p.id = s.city_part_id WHERE p.name = @part AND s.name = @street", new { part, street });
    }

    /// <summary>Adds a subscriber directly (the sign-up flow has its own tests).</summary>
    public async Task AddSubscriberAsync(string phone, int[] packages, (long PartId, long? StreetId)[] addresses, string status = "active")
    {
        await using var connection = await Database.OpenAsync();
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms)
            VALUES (@phone, @status, 'v1', @now, @now, @now) RETURNING id
            """, new { phone, status, now });
        foreach (var package in packages)
        {
            await connection.ExecuteAsync("INSERT INTO subscriber_packages (subscriber_id, package_id) VALUES (@id, @package)", new { id, package });
        }

        for (var i = 0; i < addresses.Length; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, street_id) VALUES (@id, @position, @part, @street)",
                new { id, position = i + 1, part = addresses[i].PartId, street = addresses[i].StreetId });
        }
    }

    /// <summary>What the delivery worker does when a campaign becomes due: state sending and an outbox row per phone.</summary>
    public async Task StartSendingAsync(long campaignId, params string[] phones)
    {
        await using var connection = await Database.OpenAsync();
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync("UPDATE campaigns SET state = 'sending', snapshot_at_ms = @now WHERE id = @campaignId", new { campaignId, now });
        foreach (var phone in phones)
        {
            await connection.ExecuteAsync(
                "INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, updated_at_ms) VALUES (@campaignId, @phone, 'pending', @now, @now)",
                new { campaignId, phone, now });
        }
    }

    public async Task SetStateAsync(long campaignId, string state)
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("UPDATE campaigns SET state = @state WHERE id = @campaignId", new { campaignId, state });
    }

    public async Task<Dictionary<string, string>> OutboxAsync(long campaignId)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<(string Phone, string Status)>("SELECT address, status FROM outbox WHERE campaign_id = @campaignId", new { campaignId }))
            .ToDictionary(r => r.Phone, r => r.Status);
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
