namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>A campaigns row as SQLite returns it (integers are 64-bit, times are unix ms).</summary>
internal sealed class CampaignRow
{
    public long Id { get; init; }

    public long PackageId { get; init; }

    public string Text { get; init; } = "";

    public string Diacritics { get; init; } = "";

    public string Body { get; init; } = "";

    public string Encoding { get; init; } = "";

    public long Segments { get; init; }

    public string Source { get; init; } = "";

    public string? ContentKey { get; init; }

    public string? ContentUrl { get; init; }

    public string CreatedBy { get; init; } = "";

    public string State { get; init; } = "";

    public long? RequestedAtMs { get; init; }

    public long? DueAtMs { get; init; }

    public long? RecipientCount { get; init; }

    public string? FailureReason { get; init; }

    public long CreatedAtMs { get; init; }

    public long UpdatedAtMs { get; init; }

    public long? SnapshotAtMs { get; init; }

    public long? FinishedAtMs { get; init; }

    public string? Originator { get; init; }

    public Campaign ToCampaign(IReadOnlyList<long> cityPartIds, IReadOnlyList<long> streetIds) => new(
        Id, (int)PackageId, cityPartIds, streetIds, Text, Diacritics, Body, Encoding, (int)Segments, Source,
        ContentKey is null ? null : Guid.Parse(ContentKey), ContentUrl, CreatedBy, State,
        Time(RequestedAtMs), Time(DueAtMs), (int?)RecipientCount, FailureReason,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs),
        Time(SnapshotAtMs), Time(FinishedAtMs), Originator);

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
