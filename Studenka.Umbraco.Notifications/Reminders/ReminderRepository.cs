using System.Globalization;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>The states of a reminder row (<c>reminders.state</c>).</summary>
public static class ReminderStates
{
    public const string Scheduled = "scheduled";

    /// <summary>Claimed by a fired job that is creating its campaign (shown as scheduled).</summary>
    public const string Firing = "firing";

    public const string Fired = "fired";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
}

/// <summary>A reminder as stored: what to send, to whom, and when (properties, so Dapper converts either engine's integers).</summary>
public sealed record ReminderRow
{
    public long Id { get; init; }

    public string ContentKey { get; init; } = "";

    public int? OffsetDays { get; init; }

    public string? OffsetAt { get; init; }

    public long? OffsetBeforeS { get; init; }

    public long FireAtMs { get; init; }

    public long EventStartMs { get; init; }

    public int PackageId { get; init; }

    public string CityPartIds { get; init; } = "[]";

    public string StreetIds { get; init; } = "[]";

    public string Text { get; init; } = "";

    public string? ContentUrl { get; init; }

    public string EditorName { get; init; } = "";

    public string State { get; init; } = "";

    public long? CampaignId { get; init; }

    public ReminderOffset Offset => new(
        OffsetDays,
        OffsetAt is null ? null : TimeOnly.ParseExact(OffsetAt, "HH:mm", CultureInfo.InvariantCulture),
        OffsetBeforeS is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

    public IReadOnlyList<long> CityParts => JsonSerializer.Deserialize<long[]>(CityPartIds) ?? [];

    public IReadOnlyList<long> Streets => JsonSerializer.Deserialize<long[]>(StreetIds) ?? [];
}

/// <summary>The <c>reminders</c> table. State changes are conditional updates, so a double fire or a race with a re-publish changes a row once.</summary>
public sealed class ReminderRepository(IDbConnectionFactory connections)
{
    private const string Columns = """
        id AS Id, content_key AS ContentKey, offset_days AS OffsetDays, offset_at AS OffsetAt, offset_before_s AS OffsetBeforeS,
        fire_at_ms AS FireAtMs, event_start_ms AS EventStartMs, package_id AS PackageId, city_part_ids AS CityPartIds,
        street_ids AS StreetIds, text AS Text, content_url AS ContentUrl, editor_name AS EditorName, state AS State, campaign_id AS CampaignId
        """;

    /// <summary>Deletes the page's reminders that have not fired (they are being replaced) and returns their ids.</summary>
    public async Task<IReadOnlyList<long>> DeleteScheduledAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "DELETE FROM reminders WHERE content_key = @Key AND state = @Scheduled RETURNING id",
            new { Key = contentKey.ToString("D"), ReminderStates.Scheduled }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Marks the page's unfired reminders cancelled and returns their ids.</summary>
    public async Task<IReadOnlyList<long>> CancelScheduledAsync(Guid contentKey, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "UPDATE reminders SET state = @Cancelled, updated_at_ms = @Now WHERE content_key = @Key AND state = @Scheduled RETURNING id",
            new { Key = contentKey.ToString("D"), ReminderStates.Scheduled, ReminderStates.Cancelled, Now = nowMs }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<long> InsertAsync(ReminderRequest request, ReminderOffset offset, DateTimeOffset fireAt, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO reminders (content_key, offset_days, offset_at, offset_before_s, fire_at_ms, event_start_ms, package_id,
                city_part_ids, street_ids, text, content_url, editor_name, state, created_at_ms, updated_at_ms)
            VALUES (@Key, @Days, @At, @BeforeS, @FireAt, @EventStart, @PackageId, @Parts, @Streets, @Text, @Url, @Editor, @Scheduled, @Now, @Now)
            RETURNING id
            """,
            new
            {
                Key = request.ContentKey.ToString("D"),
                Days = offset.DaysBefore,
                At = offset.AtLocalTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
                BeforeS = offset.Before is { } before ? (long?)before.TotalSeconds : null,
                FireAt = fireAt.ToUnixTimeMilliseconds(),
                EventStart = request.EventStart.ToUnixTimeMilliseconds(),
                request.PackageId,
                Parts = JsonSerializer.Serialize(request.CityPartIds),
                Streets = JsonSerializer.Serialize(request.StreetIds),
                request.Text,
                Url = request.ContentUrl,
                Editor = request.EditorName,
                ReminderStates.Scheduled,
                Now = nowMs,
            }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ReminderRow>> ForContentAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ReminderRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reminders WHERE content_key = @Key ORDER BY fire_at_ms, id",
            new { Key = contentKey.ToString("D") }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Takes the reminder for one fired job: only a scheduled row (or, when Quartz re-runs the job of a
    /// node that died mid-fire, a row left "firing") is returned; anyone else gets null.
    /// </summary>
    public async Task<ReminderRow?> ClaimAsync(long id, bool recovering, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition($"""
            UPDATE reminders SET state = @Firing, updated_at_ms = @Now
            WHERE id = @Id AND (state = @Scheduled OR (state = @Firing AND @Recovering))
            RETURNING {Columns}
            """,
            new { Id = id, ReminderStates.Firing, ReminderStates.Scheduled, Recovering = recovering, Now = nowMs }, cancellationToken: cancellationToken));
    }

    /// <summary>When a claim that never finished was made (its node died while firing), or null when the row is not left firing.</summary>
    public async Task<long?> FiringSinceAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT updated_at_ms FROM reminders WHERE id = @Id AND state = @Firing", new { Id = id, ReminderStates.Firing }, cancellationToken: cancellationToken));
    }

    /// <summary>Ends a claim: fired (with its campaign) or skipped.</summary>
    public async Task FinishAsync(long id, string state, long? campaignId, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reminders SET state = @State, campaign_id = @CampaignId, updated_at_ms = @Now WHERE id = @Id AND state = @Firing",
            new { Id = id, State = state, CampaignId = campaignId, ReminderStates.Firing, Now = nowMs }, cancellationToken: cancellationToken));
    }
}
