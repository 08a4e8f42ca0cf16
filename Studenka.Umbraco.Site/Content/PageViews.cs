using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Site.Content;

/// <summary>A row of <c>GET pages</c>: the draft's values (what the editor works on) and where the page stands.</summary>
public sealed record PageSummary(
    Guid Key, string DocumentType, string Title, string State, bool HasUnpublishedChanges, DateTimeOffset? EventStart, string? Place,
    bool SmsEnabled, int? PackageId, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string? Url);

/// <summary><c>GET pages/{key}</c> and the answer of every change: the summary plus all the draft's values.</summary>
public sealed record PageDetail(
    Guid Key, string DocumentType, string Title, string State, bool HasUnpublishedChanges, DateTimeOffset? EventStart, string? Place,
    bool SmsEnabled, int? PackageId, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string? Url,
    string Body, string? SmsText, IReadOnlyList<long> CityPartIds, IReadOnlyList<long> StreetIds, string? Reminders,
    string UpdatedBy, string? PublishedBy);

/// <summary>Times in the town's zone (the offset says which), as the rest of the API gives them.</summary>
public sealed class PageViews(TownCalendar calendar, SitePageUrls urls)
{
    public PageSummary Summary(SitePage page)
    {
        var d = page.Draft;
        return new PageSummary(page.Key, page.DocumentType, d.Title, page.State, page.HasUnpublishedChanges, Start(d), d.Place, d.SmsEnabled, d.PackageId,
            calendar.ToLocal(page.UpdatedAt), page.PublishedAt is { } at ? calendar.ToLocal(at) : null, urls.UrlOf(page));
    }

    public PageDetail Detail(SitePage page)
    {
        var s = Summary(page);
        var d = page.Draft;
        return new PageDetail(s.Key, s.DocumentType, s.Title, s.State, s.HasUnpublishedChanges, s.EventStart, s.Place, s.SmsEnabled, s.PackageId,
            s.UpdatedAt, s.PublishedAt, s.Url, d.Body, d.SmsText, d.CityPartIds, d.StreetIds, d.Reminders, page.UpdatedBy, page.PublishedBy);
    }

    private DateTimeOffset? Start(PageContent content) => content.EventStart is { } start ? calendar.FromLocal(start) : null;
}
