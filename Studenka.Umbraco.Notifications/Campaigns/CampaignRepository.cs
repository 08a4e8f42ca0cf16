using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// Campaign rows. State changes are conditional UPDATEs (<c>WHERE state IN (...)</c>): of two
/// clicks or two nodes, exactly one changes the row and the other learns it lost.
/// </summary>
public sealed class CampaignRepository(IDbConnectionFactory connections)
{
    private const string Columns = """
        id AS Id, package_id AS PackageId, text AS Text, diacritics AS Diacritics, body AS Body, encoding AS Encoding,
        segments AS Segments, source AS Source, content_key AS ContentKey, content_url AS ContentUrl, created_by AS CreatedBy,
        state AS State, requested_at_ms AS RequestedAtMs, due_at_ms AS DueAtMs, recipient_count AS RecipientCount,
        failure_reason AS FailureReason, created_at_ms AS CreatedAtMs, updated_at_ms AS UpdatedAtMs,
        snapshot_at_ms AS SnapshotAtMs, finished_at_ms AS FinishedAtMs, originator AS Originator
        """;

    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, NewCampaignRow row, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, content_key, content_url,
                created_by, state, requested_at_ms, due_at_ms, created_at_ms, updated_at_ms, originator,
                event_title, event_start_ms, event_end_ms, event_location)
            VALUES (@PackageId, @Text, @Diacritics, @Body, @Encoding, @Segments, @Source, @ContentKey, @ContentUrl,
                @CreatedBy, @State, @RequestedAtMs, @DueAtMs, @NowMs, @NowMs, @Originator,
                @EventTitle, @EventStartMs, @EventEndMs, @EventLocation)
            RETURNING id
            """, new
            {
                row.PackageId, row.Text, row.Diacritics, row.Body, row.Encoding, row.Segments, row.Source, row.ContentKey, row.ContentUrl,
                row.CreatedBy, row.State, row.RequestedAtMs, row.DueAtMs, row.NowMs, row.Originator,
                EventTitle = row.Event?.Title, EventStartMs = row.Event?.Start.ToUnixTimeMilliseconds(),
                EventEndMs = row.Event?.End?.ToUnixTimeMilliseconds(), EventLocation = row.Event?.Location,
            }, transaction, cancellationToken: cancellationToken));
        foreach (var part in row.CityPartIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO campaign_city_parts (campaign_id, city_part_id) VALUES (@id, @part)", new { id, part }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var street in row.StreetIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO campaign_streets (campaign_id, street_id) VALUES (@id, @street)", new { id, street }, transaction, cancellationToken: cancellationToken));
        }

        return id;
    }

    /// <summary>
    /// A street merged into another (a RÚIAN import or an administrator's mapping moved its residents):
    /// campaigns not yet snapshotted aim at the street that now holds them, or they would miss them.
    /// Sent and sending campaigns keep what they were sent to.
    /// </summary>
    public static async Task<int> RetargetStreetAsync(DbConnection connection, DbTransaction transaction, long fromStreetId, long toStreetId, CancellationToken cancellationToken)
    {
        var moved = await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO campaign_streets (campaign_id, street_id)
            SELECT cs.campaign_id, @toStreetId FROM campaign_streets cs JOIN campaigns c ON c.id = cs.campaign_id
            WHERE cs.street_id = @fromStreetId AND {SqlDialect.For(connection).InList("c.state", "@open")}
              AND NOT EXISTS (SELECT 1 FROM campaign_streets t WHERE t.campaign_id = cs.campaign_id AND t.street_id = @toStreetId)
            """, new { fromStreetId, toStreetId, open = OpenStates }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM campaign_streets WHERE street_id = @fromStreetId
              AND campaign_id IN (SELECT id FROM campaigns WHERE {SqlDialect.For(connection).InList("state", "@open")})
            """, new { fromStreetId, open = OpenStates }, transaction, cancellationToken: cancellationToken));
        return moved;
    }

    private static readonly string[] OpenStates = [CampaignStates.Draft, CampaignStates.Scheduled];

    /// <summary>Moves the campaign to 'scheduled' if it is still in one of <paramref name="from"/>; false when another change won.</summary>
    public static async Task<bool> ScheduleAsync(DbConnection connection, DbTransaction transaction, long id, string[] from, long? requestedAtMs, long dueAtMs, long nowMs, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE campaigns SET state = 'scheduled', requested_at_ms = @requestedAtMs, due_at_ms = @dueAtMs, updated_at_ms = @nowMs
            WHERE id = @id AND {SqlDialect.For(connection).InList("state", "@from")}
            """, new { id, from, requestedAtMs, dueAtMs, nowMs }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>
    /// Sends a draft, or a campaign scheduled for later, now. A campaign already queued for "now"
    /// is not touched: that is the second click of a double click.
    /// </summary>
    public static async Task<bool> SendNowAsync(DbConnection connection, DbTransaction transaction, long id, long dueAtMs, long nowMs, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE campaigns SET state = 'scheduled', requested_at_ms = NULL, due_at_ms = @dueAtMs, updated_at_ms = @nowMs
            WHERE id = @id AND (state = 'draft' OR (state = 'scheduled' AND requested_at_ms IS NOT NULL))
            """, new { id, dueAtMs, nowMs }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>
    /// Cancels a campaign that has not finished. Mid-way, the rows still waiting are cancelled in
    /// the same transaction, also those a worker has claimed but not yet put on the wire (its
    /// mark-sending UPDATE then finds nothing); only rows already 'sending' finish as they are.
    /// </summary>
    public static async Task<bool> CancelAsync(DbConnection connection, DbTransaction transaction, long id, string? reason, long nowMs, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE campaigns SET state = 'cancelled', failure_reason = @reason, finished_at_ms = @nowMs, updated_at_ms = @nowMs
            WHERE id = @id AND state IN ('draft', 'scheduled', 'sending')
            """, new { id, reason, nowMs }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        await OutboxOperations.CancelPendingAsync(connection, transaction, id, nowMs, cancellationToken);
        return true;
    }

    public static Task<CampaignStateRow?> GetStateAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CampaignStateRow>(new CommandDefinition(
            "SELECT package_id AS PackageId, state AS State, requested_at_ms AS RequestedAtMs, due_at_ms AS DueAtMs FROM campaigns WHERE id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));

    public async Task<Campaign?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {Columns} FROM campaigns WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return (await WithAreasAsync(connection, rows.ToList(), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The campaigns made from one page (its announcements and reminders), newest first.</summary>
    public async Task<IReadOnlyList<Campaign>> ListByContentAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {Columns} FROM campaigns WHERE content_key = @key ORDER BY id DESC", new { key = contentKey.ToString("D") }, cancellationToken: cancellationToken));
        return await WithAreasAsync(connection, rows.ToList(), cancellationToken);
    }

    /// <summary>Newest first; <paramref name="state"/> null lists every state.</summary>
    public async Task<CampaignPage> ListAsync(string? state, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { state, skip, take };
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM campaigns WHERE @state IS NULL OR state = @state", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {Columns} FROM campaigns WHERE @state IS NULL OR state = @state ORDER BY id DESC LIMIT @take OFFSET @skip",
            parameters, cancellationToken: cancellationToken));
        return new CampaignPage(await WithAreasAsync(connection, rows.ToList(), cancellationToken), total, skip, take);
    }

    private static async Task<IReadOnlyList<Campaign>> WithAreasAsync(DbConnection connection, List<CampaignRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var parts = (await connection.QueryAsync<(long CampaignId, long AreaId)>(new CommandDefinition(
            $"SELECT campaign_id, city_part_id FROM campaign_city_parts WHERE {SqlDialect.For(connection).InList("campaign_id", "@ids")} ORDER BY city_part_id", new { ids }, cancellationToken: cancellationToken)))
            .ToLookup(r => r.CampaignId, r => r.AreaId);
        var streets = (await connection.QueryAsync<(long CampaignId, long AreaId)>(new CommandDefinition(
            $"SELECT campaign_id, street_id FROM campaign_streets WHERE {SqlDialect.For(connection).InList("campaign_id", "@ids")} ORDER BY street_id", new { ids }, cancellationToken: cancellationToken)))
            .ToLookup(r => r.CampaignId, r => r.AreaId);
        return rows.Select(r => r.ToCampaign(parts[r.Id].ToList(), streets[r.Id].ToList())).ToList();
    }
}

/// <summary>What <see cref="CampaignRepository.InsertAsync"/> writes.</summary>
public sealed record NewCampaignRow(
    int PackageId, IReadOnlyList<long> CityPartIds, IReadOnlyList<long> StreetIds, string Text, string Diacritics, string Body, string Encoding,
    int Segments, string Source, string? ContentKey, string? ContentUrl, string CreatedBy, string State, long? RequestedAtMs, long? DueAtMs, long NowMs,
    string? Originator, CampaignEvent? Event = null);

/// <summary>The part of a campaign that decides which state changes are allowed.</summary>
public sealed class CampaignStateRow
{
    public long PackageId { get; init; }

    public string State { get; init; } = "";

    public long? RequestedAtMs { get; init; }

    public long? DueAtMs { get; init; }
}
