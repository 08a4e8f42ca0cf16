using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>What the statistics show of a campaign: no recipient, only what every operator sees in the list.</summary>
public sealed record CampaignSummary(long Id, int PackageId, string Text, int Segments, DateTimeOffset CreatedAt, string State);

/// <summary>Campaigns' read operation for the statistics.</summary>
public sealed class CampaignSummaries(IDbConnectionFactory connections)
{
    public async Task<IReadOnlyDictionary<long, CampaignSummary>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<long, CampaignSummary>();
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT id AS Id, package_id AS PackageId, text AS Text, segments AS Segments, created_at_ms AS CreatedAtMs, state AS State
            FROM campaigns WHERE {connections.Dialect.InList("id", "@ids")}
            """, new { ids = ids.ToList() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => new CampaignSummary(r.Id, (int)r.PackageId, r.Text, (int)r.Segments, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs), r.State));
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public long PackageId { get; init; }

        public string Text { get; init; } = "";

        public long Segments { get; init; }

        public long CreatedAtMs { get; init; }

        public string State { get; init; } = "";
    }
}
