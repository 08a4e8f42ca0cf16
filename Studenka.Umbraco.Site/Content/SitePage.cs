namespace Studenka.Umbraco.Site.Content;

/// <summary>The Site's document types (under Umbraco: the town's own document types of the same aliases).</summary>
public static class SiteDocumentTypes
{
    public const string Event = "eventPage";
    public const string News = "newsPage";

    public static bool IsKnown(string? alias) => alias is Event or News;
}

/// <summary>
/// What an editor writes on a page: its draft, and (a copy made at publish) its published version.
/// </summary>
/// <param name="EventStart">The town's wall time (Europe/Prague), as the editor typed it; null for news.</param>
/// <param name="PackageId">Null with SMS off.</param>
/// <param name="Reminders">In the Editors' format (<c>"1d@09:00, 2h"</c>): null = the document type's defaults, "" = none.</param>
public sealed record PageContent(
    string Title,
    string Body,
    DateTime? EventStart,
    string? Place,
    bool SmsEnabled,
    string? SmsText,
    int? PackageId,
    IReadOnlyList<long> CityPartIds,
    IReadOnlyList<long> StreetIds,
    string? Reminders);

/// <summary>
/// A stored page. <see cref="Published"/> is what the public sees while <see cref="State"/> is "published";
/// it stays after an unpublish (the last published version), and a trashed page is never read again.
/// </summary>
/// <param name="Id">The int id Core's <c>Content.Id</c> carries.</param>
/// <param name="Slug">The address segment, fixed at the first publish: an SMS already sent links to it.</param>
public sealed record SitePage(
    int Id,
    Guid Key,
    string DocumentType,
    string? Slug,
    string State,
    PageContent Draft,
    PageContent? Published,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy)
{
    /// <summary>The draft differs from what is (or was last) published.</summary>
    public bool HasUnpublishedChanges => Published is not null && !PageContents.Same(Draft, Published);

    public bool IsPublished => State == PageStates.Published;
}

public static class PageStates
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Unpublished = "unpublished";
}

internal static class PageContents
{
    /// <summary>Records compare lists by reference; two versions are the same when every value is.</summary>
    private static readonly long[] NoIds = [];

    public static bool Same(PageContent a, PageContent b) =>
        a with { CityPartIds = NoIds, StreetIds = NoIds } == b with { CityPartIds = NoIds, StreetIds = NoIds }
        && a.CityPartIds.SequenceEqual(b.CityPartIds) && a.StreetIds.SequenceEqual(b.StreetIds);
}
