using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>An event an e-mail invites to (the <c>.ics</c> attachment); times are instants, shown in Europe/Prague.</summary>
public sealed record CampaignEvent(string Title, DateTimeOffset Start, DateTimeOffset? End, string? Location);

/// <summary>What a campaign's e-mail says: the operator's original text (with diacritics, not the SMS body), its package, its event.</summary>
public sealed record CampaignEmailContent(long CampaignId, int PackageId, string Text, CampaignEvent? Event);

/// <summary>The e-mail sender's read of a campaign (Campaigns owns the table). Written once, so the sender may keep it.</summary>
public sealed class CampaignEmailContents(IDbConnectionFactory connections)
{
    private sealed class Row
    {
        public long PackageId { get; init; }

        public string Text { get; init; } = "";

        public string? EventTitle { get; init; }

        public long? EventStartMs { get; init; }

        public long? EventEndMs { get; init; }

        public string? EventLocation { get; init; }
    }

    public async Task<CampaignEmailContent> ReadAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition("""
            SELECT package_id AS PackageId, text AS Text, event_title AS EventTitle, event_start_ms AS EventStartMs,
                   event_end_ms AS EventEndMs, event_location AS EventLocation
            FROM campaigns WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
        var @event = row is { EventTitle: { Length: > 0 } title, EventStartMs: { } start }
            ? new CampaignEvent(title, DateTimeOffset.FromUnixTimeMilliseconds(start),
                row.EventEndMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null, row.EventLocation)
            : null;
        return new CampaignEmailContent(id, (int)row.PackageId, row.Text, @event);
    }
}
