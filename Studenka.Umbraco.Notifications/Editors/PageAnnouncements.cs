using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>A page's SMS state in one culture ("" = invariant), as <see cref="PageAnnouncements"/> stores it.</summary>
public sealed record PageAnnouncement(
    Guid ContentKey,
    string Culture,
    string DocumentType,
    string? ValuesHash,
    long? CampaignId,
    DateTimeOffset? EventStart,
    string? RemindersHash,
    string PublishedBy,
    bool Withdrawn,
    string? Problem,
    DateTimeOffset UpdatedAt);

/// <summary>The <c>page_announcements</c> table: one row per page and culture, replaced on every publish.</summary>
public sealed class PageAnnouncements(IDbConnectionFactory connections)
{
    private const string Columns = """
        content_key AS ContentKey, culture AS Culture, document_type AS DocumentType, values_hash AS ValuesHash,
        campaign_id AS CampaignId, event_start_ms AS EventStartMs, reminders_hash AS RemindersHash,
        published_by AS PublishedBy, withdrawn AS Withdrawn, problem AS Problem, updated_at_ms AS UpdatedAtMs
        """;

    public async Task<PageAnnouncement?> GetAsync(Guid contentKey, string culture, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM page_announcements WHERE content_key = @key AND culture = @culture",
            new { key = contentKey.ToString("D"), culture }, cancellationToken: cancellationToken));
        return row?.ToAnnouncement();
    }

    /// <summary>Every culture of the page.</summary>
    public async Task<IReadOnlyList<PageAnnouncement>> ListAsync(Guid contentKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM page_announcements WHERE content_key = @key ORDER BY culture",
            new { key = contentKey.ToString("D") }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAnnouncement()).ToList();
    }

    public async Task SaveAsync(PageAnnouncement announcement, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO page_announcements (content_key, culture, document_type, values_hash, campaign_id, event_start_ms, reminders_hash,
                published_by, withdrawn, problem, updated_at_ms)
            VALUES (@ContentKey, @Culture, @DocumentType, @ValuesHash, @CampaignId, @EventStartMs, @RemindersHash, @PublishedBy, @Withdrawn, @Problem, @UpdatedAtMs)
            ON CONFLICT (content_key, culture) DO UPDATE SET document_type = excluded.document_type, values_hash = excluded.values_hash,
                campaign_id = excluded.campaign_id, event_start_ms = excluded.event_start_ms, reminders_hash = excluded.reminders_hash,
                published_by = excluded.published_by, withdrawn = excluded.withdrawn, problem = excluded.problem, updated_at_ms = excluded.updated_at_ms
            """,
            new
            {
                ContentKey = announcement.ContentKey.ToString("D"),
                announcement.Culture,
                announcement.DocumentType,
                announcement.ValuesHash,
                announcement.CampaignId,
                EventStartMs = announcement.EventStart?.ToUnixTimeMilliseconds(),
                announcement.RemindersHash,
                announcement.PublishedBy,
                Withdrawn = announcement.Withdrawn ? 1L : 0L,
                announcement.Problem,
                UpdatedAtMs = announcement.UpdatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public string ContentKey { get; init; } = "";

        public string Culture { get; init; } = "";

        public string DocumentType { get; init; } = "";

        public string? ValuesHash { get; init; }

        public long? CampaignId { get; init; }

        public long? EventStartMs { get; init; }

        public string? RemindersHash { get; init; }

        public string PublishedBy { get; init; } = "";

        public long Withdrawn { get; init; }

        public string? Problem { get; init; }

        public long UpdatedAtMs { get; init; }

        public PageAnnouncement ToAnnouncement() => new(
            Guid.Parse(ContentKey), Culture, DocumentType, ValuesHash, CampaignId,
            EventStartMs is { } start ? DateTimeOffset.FromUnixTimeMilliseconds(start) : null, RemindersHash, PublishedBy,
            Withdrawn != 0, Problem, DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs));
    }
}
