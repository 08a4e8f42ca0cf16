using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>A recurring announcement as stored (properties, so Dapper converts either engine's integers).</summary>
public sealed record RecurringRow
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string Cron { get; init; } = "";

    public int WeekInterval { get; init; } = 1;

    public string StartsOn { get; init; } = "";

    public string Text { get; init; } = "";

    public int PackageId { get; init; }

    public string CityPartIds { get; init; } = "[]";

    public string StreetIds { get; init; } = "[]";

    public string UpdatedBy { get; init; } = "";

    public long UpdatedAtMs { get; init; }

    public long? LastFiredAtMs { get; init; }

    public long? LastCampaignId { get; init; }

    public IReadOnlyList<long> CityParts => JsonSerializer.Deserialize<long[]>(CityPartIds) ?? [];

    public IReadOnlyList<long> Streets => JsonSerializer.Deserialize<long[]>(StreetIds) ?? [];
}

/// <summary>What an administrator sets (validated by <see cref="RecurringAnnouncements"/>).</summary>
public sealed record RecurringDefinition(
    string Name, string Cron, int WeekInterval, DateOnly StartsOn, string Text, int PackageId, IReadOnlyList<long> CityPartIds, IReadOnlyList<long> StreetIds);

/// <summary>The <c>recurring_announcements</c> table.</summary>
public sealed class RecurringAnnouncementRepository(IDbConnectionFactory connections)
{
    private const string Columns = """
        id AS Id, name AS Name, cron AS Cron, week_interval AS WeekInterval, starts_on AS StartsOn, text AS Text, package_id AS PackageId,
        city_part_ids AS CityPartIds, street_ids AS StreetIds, updated_by AS UpdatedBy, updated_at_ms AS UpdatedAtMs,
        last_fired_at_ms AS LastFiredAtMs, last_campaign_id AS LastCampaignId
        """;

    private static object Parameters(RecurringDefinition d, string actor, long nowMs, long id = 0) => new
    {
        Id = id,
        d.Name,
        d.Cron,
        d.WeekInterval,
        StartsOn = d.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        d.Text,
        d.PackageId,
        Parts = JsonSerializer.Serialize(d.CityPartIds),
        Streets = JsonSerializer.Serialize(d.StreetIds),
        Actor = actor,
        Now = nowMs,
    };

    public async Task<IReadOnlyList<RecurringRow>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RecurringRow>(new CommandDefinition($"SELECT {Columns} FROM recurring_announcements ORDER BY name, id", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<RecurringRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RecurringRow>(new CommandDefinition(
            $"SELECT {Columns} FROM recurring_announcements WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<long> InsertAsync(RecurringDefinition definition, string actor, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO recurring_announcements (name, cron, week_interval, starts_on, text, package_id, city_part_ids, street_ids,
                created_by, created_at_ms, updated_by, updated_at_ms)
            VALUES (@Name, @Cron, @WeekInterval, @StartsOn, @Text, @PackageId, @Parts, @Streets, @Actor, @Now, @Actor, @Now)
            RETURNING id
            """, Parameters(definition, actor, nowMs), cancellationToken: cancellationToken));
    }

    public async Task<bool> UpdateAsync(long id, RecurringDefinition definition, string actor, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE recurring_announcements SET name = @Name, cron = @Cron, week_interval = @WeekInterval, starts_on = @StartsOn, text = @Text,
                package_id = @PackageId, city_part_ids = @Parts, street_ids = @Streets, updated_by = @Actor, updated_at_ms = @Now
            WHERE id = @Id
            """, Parameters(definition, actor, nowMs, id), cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM recurring_announcements WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Takes one firing (by its scheduled time): a second node or a re-run for the same time gets null.</summary>
    public async Task<RecurringRow?> ClaimFiringAsync(long id, long scheduledMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RecurringRow>(new CommandDefinition($"""
            UPDATE recurring_announcements SET last_fired_at_ms = @scheduledMs
            WHERE id = @id AND (last_fired_at_ms IS NULL OR last_fired_at_ms < @scheduledMs)
            RETURNING {Columns}
            """, new { id, scheduledMs }, cancellationToken: cancellationToken));
    }

    public async Task RecordCampaignAsync(long id, long campaignId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE recurring_announcements SET last_campaign_id = @campaignId WHERE id = @id", new { id, campaignId }, cancellationToken: cancellationToken));
    }
}
