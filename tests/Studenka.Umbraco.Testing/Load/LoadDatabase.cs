using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Testing.Load;

/// <summary>
/// A database (a SQLite file, or an empty PostgreSQL database) migrated and seeded exactly as the
/// Site's start-up does it, filled fast with many active subscribers and due campaigns: the ground
/// of the crash test and the benchmarks. The real Site (in process or as a child process) can be
/// pointed at <see cref="Engine"/> and <see cref="ConnectionString"/>.
/// </summary>
public sealed class LoadDatabase
{
    private LoadDatabase(DatabaseProvider engine, string connectionString, IDbConnectionFactory connections, TimeProvider time)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Connections = connections;
        Time = time;
    }

    public DatabaseProvider Engine { get; }

    public string ConnectionString { get; }

    public TimeProvider Time { get; }

    public IDbConnectionFactory Connections { get; }

    /// <summary>Migrates and seeds (packages, city parts, streets) a new database file.</summary>
    public static Task<LoadDatabase> CreateAsync(string filePath, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        var connectionString = $"Data Source={filePath}";
        var connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = connectionString }));
        return InitializeAsync(new LoadDatabase(DatabaseProvider.Sqlite, connectionString, connections, time ?? TimeProvider.System), cancellationToken);
    }

    /// <summary>Migrates and seeds an existing, empty PostgreSQL database (e.g. from <see cref="TestPostgres.CreateDatabase"/>).</summary>
    public static Task<LoadDatabase> CreatePostgresAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        InitializeAsync(new LoadDatabase(DatabaseProvider.PostgreSql, connectionString, new PostgresConnectionFactory(connectionString), time ?? TimeProvider.System), cancellationToken);

    private static async Task<LoadDatabase> InitializeAsync(LoadDatabase database, CancellationToken cancellationToken)
    {
        await new DatabaseMigrator(database.Connections, database.Time, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
        await new PackageSeeder(database.Connections).SeedAsync(cancellationToken);
        await new AreaSeeder(database.Connections).SeedAsync(cancellationToken);
        return database;
    }

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => Connections.OpenAsync(cancellationToken);

    /// <summary>
    /// Adds <paramref name="count"/> active subscribers in one transaction (see <see cref="SubscriberGenerator"/>
    /// for who they are). Returns their phones in E.164, as the outbox stores them.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddSubscribersAsync(int count, int seed = 1, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var areas = (await connection.QueryAsync<(long PartId, long? StreetId)>(
            "SELECT p.id, s.id FROM city_parts p LEFT JOIN streets s ON s.city_part_id = p.id ORDER BY p.id, s.id")).ToList();
        var generator = new SubscriberGenerator(seed, areas);
        var at = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var firstNumber = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscribers");
        if (connection is NpgsqlConnection postgres)
        {
            return await PostgresSubscriberCopy.AddAsync(postgres, generator, firstNumber, count, at, cancellationToken);
        }

        return await AddSqliteAsync((SqliteConnection)connection, generator, firstNumber, count, at, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> AddSqliteAsync(SqliteConnection connection, SubscriberGenerator generator, long firstNumber, int count, long at, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        using var inserts = new SubscriberInserts(connection, transaction, at);
        var phones = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var subscriber = generator.Next(firstNumber + i);
            inserts.Add(subscriber);
            phones.Add(subscriber.Phone);
        }

        await transaction.CommitAsync(cancellationToken);
        return phones;
    }

    /// <summary>
    /// A campaign as the campaign service leaves it after "send now": state 'scheduled', due at
    /// <paramref name="dueAt"/> (default: now), for the whole town unless areas are given.
    /// </summary>
    public async Task<long> AddDueCampaignAsync(
        int packageId = TopicPackages.Crisis,
        string body = "Krizova zprava: uzavrena voda v ulici Butovicka do 18:00.",
        DateTimeOffset? dueAt = null,
        IReadOnlyList<long>? cityPartIds = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state,
                                   requested_at_ms, due_at_ms, created_at_ms, updated_at_ms)
            VALUES (@packageId, @body, 'transliterate', @body, 'gsm7', 1, 'manual', 'load-test', 'scheduled',
                    NULL, @due, @now, @now)
            RETURNING id
            """, new { packageId, body, due = dueAt?.ToUnixTimeMilliseconds() ?? now, now }, transaction, cancellationToken: cancellationToken));
        foreach (var part in cityPartIds ?? [])
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO campaign_city_parts (campaign_id, city_part_id) VALUES (@id, @part)",
                new { id, part }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>The campaign's state and how many of its outbox rows are in each status.</summary>
    public async Task<CampaignProgress> ReadProgressAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var state = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT state FROM campaigns WHERE id = @campaignId", new { campaignId }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"Campaign {campaignId} does not exist.");
        var counts = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM outbox WHERE campaign_id = @campaignId GROUP BY status", new { campaignId }, cancellationToken: cancellationToken));
        return new CampaignProgress(state, counts.ToDictionary(c => c.Status, c => c.Count));
    }

    /// <summary>Every outbox row of the campaign: phone → status.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadOutboxAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Phone, string Status)>(new CommandDefinition(
            "SELECT address, status FROM outbox WHERE campaign_id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Phone, r => r.Status);
    }
}

/// <summary>A campaign's state and outbox row counts per status.</summary>
public sealed record CampaignProgress(string State, IReadOnlyDictionary<string, long> OutboxByStatus)
{
    public long Count(string status) => OutboxByStatus.TryGetValue(status, out var count) ? count : 0;

    public long Total => OutboxByStatus.Values.Sum();

    public override string ToString() =>
        $"state={State}, outbox: " + string.Join(", ", OutboxByStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
