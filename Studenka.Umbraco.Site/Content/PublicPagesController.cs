using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Site.Content;

/// <summary>A published page as the public sees it (its published version only, never the draft).</summary>
public sealed record PublicPage(string DocumentType, string Title, string Url, string Body, string? When, string? Place, DateTimeOffset SortAt, bool Past)
{
    /// <summary>The first lines of the text for a list, cut at a word.</summary>
    public string Teaser
    {
        get
        {
            var text = Body.ReplaceLineEndings(" ").Trim();
            if (text.Length <= 200)
            {
                return text;
            }

            var cut = text.LastIndexOf(' ', 200);
            return text[..(cut > 100 ? cut : 200)] + " …";
        }
    }

    /// <summary>Paragraphs split at blank lines, each a list of lines (the view encodes every one).</summary>
    public IReadOnlyList<string[]> Paragraphs =>
        [.. Body.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Split('\n'))];
}

public sealed record PublicPageList(string Title, string Intro, IReadOnlyList<PublicPage> Upcoming, IReadOnlyList<PublicPage> Past);

/// <summary>
/// The town's events and news, as Umbraco's templates would render the content: <c>/akce</c> (upcoming
/// by start, then past ones), <c>/aktuality</c> (newest first) and a page per slug. Unknown, unpublished
/// and trashed pages are the Czech 404. HEAD like the Site's other pages (uptime monitors).
/// </summary>
[AllowAnonymous]
public sealed class PublicPagesController(SitePageStore store, TownCalendar calendar, TimeProvider time) : Controller
{
    private static readonly CultureInfo Czech = CultureInfo.GetCultureInfo("cs-CZ");

    [HttpGet(SitePagePaths.Events)]
    [HttpHead(SitePagePaths.Events)]
    public async Task<IActionResult> Events(CancellationToken cancellationToken)
    {
        var events = (await store.ListPublishedAsync(SiteDocumentTypes.Event, cancellationToken)).Select(Public).ToList();
        return View("~/Views/Content/List.cshtml", new PublicPageList("Akce", "Kultura, sport a společenské akce ve Studénce, Butovicích a Nové Horce.",
            [.. events.Where(e => !e.Past).OrderBy(e => e.SortAt)], [.. events.Where(e => e.Past).OrderByDescending(e => e.SortAt)]));
    }

    [HttpGet(SitePagePaths.News)]
    [HttpHead(SitePagePaths.News)]
    public async Task<IActionResult> News(CancellationToken cancellationToken)
    {
        var news = (await store.ListPublishedAsync(SiteDocumentTypes.News, cancellationToken)).Select(Public).OrderByDescending(n => n.SortAt).ToList();
        return View("~/Views/Content/List.cshtml", new PublicPageList("Aktuality", "Zprávy z města a z městského úřadu.", news, []));
    }

    [HttpGet(SitePagePaths.Events + "/{slug}")]
    [HttpHead(SitePagePaths.Events + "/{slug}")]
    public Task<IActionResult> Event(string slug, CancellationToken cancellationToken) => DetailAsync(SiteDocumentTypes.Event, slug, cancellationToken);

    [HttpGet(SitePagePaths.News + "/{slug}")]
    [HttpHead(SitePagePaths.News + "/{slug}")]
    public Task<IActionResult> NewsItem(string slug, CancellationToken cancellationToken) => DetailAsync(SiteDocumentTypes.News, slug, cancellationToken);

    /// <summary>"sobota 12. prosince 2026 v 18:00" (the genitive month comes with the day number).</summary>
    public static string EventTime(DateTime start) => start.ToString("dddd d. MMMM yyyy 'v' H:mm", Czech);

    /// <summary>"12. prosince 2026".</summary>
    public static string Day(DateTimeOffset at) => at.ToString("d. MMMM yyyy", Czech);

    private async Task<IActionResult> DetailAsync(string documentType, string slug, CancellationToken cancellationToken) =>
        await store.GetPublishedAsync(documentType, slug, cancellationToken) is { } page
            ? View("~/Views/Content/Page.cshtml", Public(page))
            : NotFound();

    private PublicPage Public(SitePage page)
    {
        var values = page.Published!;
        var url = SitePagePaths.Of(page.DocumentType, page.Slug!);
        if (values.EventStart is { } start)
        {
            var at = calendar.FromLocal(start);
            return new PublicPage(page.DocumentType, values.Title, url, values.Body, EventTime(start), values.Place, at, at < time.GetUtcNow());
        }

        var published = page.PublishedAt ?? page.UpdatedAt;
        return new PublicPage(page.DocumentType, values.Title, url, values.Body, Day(calendar.ToLocal(published)), values.Place, published, Past: false);
    }
}
