using System.Data.Common;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Operators;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Strings;

namespace Studenka.Umbraco.Site.Content;

public enum PageOutcome
{
    Done,
    NotFound,
    Invalid,
    Forbidden,
    Refused,
}

public sealed record PageResult(PageOutcome Outcome, SitePage? Page = null, IReadOnlyDictionary<string, string>? Errors = null, string? Reason = null);

/// <summary>
/// What an editor does with a Site page, in the order Umbraco does it: store first, then raise Core's
/// notification through Core's <see cref="IEventAggregator"/> (Umbraco raises them after its commit),
/// so the package's <c>ContentSmsHandlers</c> record the SMS and reminders exactly as under Umbraco.
/// The handlers never fail a publish; what they could not send shows in the page's SMS view.
/// Publish, unpublish and trash are audited in the package's log.
/// </summary>
public sealed class SitePages(
    SitePageStore store,
    SiteContentTypes types,
    AreaRepository areas,
    IEventAggregator events,
    IShortStringHelper strings,
    AuditLog audit,
    TimeProvider time)
{
    public const string NotFoundMessage = "Stránka neexistuje nebo je v koši.";
    private const int SlugAttempts = 3;

    public Task<IReadOnlyList<SitePage>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<SitePage?> GetAsync(Guid key, CancellationToken cancellationToken) => store.GetAsync(key, cancellationToken);

    public async Task<PageResult> CreateAsync(PageRequest request, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var input = PageInput.Check(request, await areas.GetCatalogAsync(cancellationToken), actor.Permissions);
        if (Refusal(input) is { } refusal)
        {
            return refusal;
        }

        var page = await store.CreateAsync(Guid.NewGuid(), input.DocumentType, input.Content!, NameOf(actor), time.GetUtcNow(), cancellationToken);
        return new PageResult(PageOutcome.Done, page);
    }

    public async Task<PageResult> SaveAsync(Guid key, PageRequest request, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(key, cancellationToken) is not { } page)
        {
            return new PageResult(PageOutcome.NotFound, Reason: NotFoundMessage);
        }

        var input = PageInput.Check(request, await areas.GetCatalogAsync(cancellationToken), actor.Permissions, page.DocumentType);
        if (Refusal(input) is { } refusal)
        {
            return refusal;
        }

        await store.SaveDraftAsync(key, input.Content!, NameOf(actor), time.GetUtcNow(), cancellationToken);
        return new PageResult(PageOutcome.Done, await store.GetAsync(key, cancellationToken));
    }

    public async Task<PageResult> PublishAsync(Guid key, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(key, cancellationToken) is not { } page)
        {
            return new PageResult(PageOutcome.NotFound, Reason: NotFoundMessage);
        }

        // The draft may have been saved by someone whose role sends more packages, or before an address import.
        if (page.Draft.PackageId is { } package && !actor.Permissions.MaySend(package))
        {
            return new PageResult(PageOutcome.Forbidden, Reason: actor.Permissions.PackageRefusal(package));
        }

        var catalog = await areas.GetCatalogAsync(cancellationToken);
        if (PageInput.AreaProblems(page.Draft.CityPartIds, page.Draft.StreetIds, catalog) is { } problems)
        {
            return new PageResult(PageOutcome.Invalid, Errors: problems);
        }

        await StorePublishedAsync(page, NameOf(actor), cancellationToken);
        var published = (await store.GetAsync(key, cancellationToken))!;
        var content = types.ContentOf(published, catalog);
        await audit.AppendAsync(actor, "page.published", Subject(key), Details(published), cancellationToken);
        // Invariant content: Umbraco names the published cultures "*".
        await events.PublishAsync(new ContentPublishedNotification(content, new EventMessages(),
            new Dictionary<Guid, IReadOnlyCollection<string>> { [key] = ["*"] },
            new Dictionary<Guid, IReadOnlyCollection<string>> { [key] = [] }), cancellationToken);
        return new PageResult(PageOutcome.Done, published);
    }

    public async Task<PageResult> UnpublishAsync(Guid key, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(key, cancellationToken) is not { } page)
        {
            return new PageResult(PageOutcome.NotFound, Reason: NotFoundMessage);
        }

        if (!page.IsPublished)
        {
            return new PageResult(PageOutcome.Refused, Reason: "Stránka není publikovaná, není co stáhnout z webu.");
        }

        await store.UnpublishAsync(key, NameOf(actor), time.GetUtcNow(), cancellationToken);
        await audit.AppendAsync(actor, "page.unpublished", Subject(key), Details(page), cancellationToken);
        var content = types.ContentOf(page, await areas.GetCatalogAsync(cancellationToken));
        await events.PublishAsync(new ContentUnpublishedNotification(content, new EventMessages()), cancellationToken);
        return new PageResult(PageOutcome.Done, await store.GetAsync(key, cancellationToken));
    }

    public async Task<PageResult> TrashAsync(Guid key, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(key, cancellationToken) is not { } page)
        {
            return new PageResult(PageOutcome.NotFound, Reason: NotFoundMessage);
        }

        await store.TrashAsync(key, NameOf(actor), time.GetUtcNow(), cancellationToken);
        await audit.AppendAsync(actor, "page.trashed", Subject(key), Details(page), cancellationToken);
        var content = types.ContentOf(page, await areas.GetCatalogAsync(cancellationToken));
        await events.PublishAsync(new ContentMovedToRecycleBinNotification(
            new MoveToRecycleBinEventInfo<IContent>(content, $"-1,{page.Id}"), new EventMessages()), cancellationToken);
        return new PageResult(PageOutcome.Done);
    }

    /// <summary>The operator as the page's "saved by"/"published by" shows them, as campaigns name them.</summary>
    public static string NameOf(OperatorIdentity actor) => actor.UserName is { } user ? $"{actor.DisplayName} ({user})" : actor.DisplayName;

    private static PageResult? Refusal(PageInputResult input) =>
        input.Forbidden is not null ? new PageResult(PageOutcome.Forbidden, Reason: input.Forbidden)
        : input.Content is null ? new PageResult(PageOutcome.Invalid, Errors: input.Errors)
        : null;

    /// <summary>
    /// The draft becomes the published version. The slug is chosen at the first publish and kept (an SMS
    /// already sent links to it); on a clash with another page of the type it gets a number (-2, -3, ...).
    /// </summary>
    private async Task StorePublishedAsync(SitePage page, string by, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var slug = page.Slug ?? await FreeSlugAsync(page.DocumentType, page.Draft.Title, cancellationToken);
            try
            {
                await store.PublishAsync(page.Key, slug, page.Draft, by, time.GetUtcNow(), cancellationToken);
                return;
            }
            catch (DbException) when (page.Slug is null && attempt < SlugAttempts)
            {
                // Another page took the slug between the read and the write: choose again.
            }
        }
    }

    private async Task<string> FreeSlugAsync(string documentType, string title, CancellationToken cancellationToken)
    {
        var slug = strings.CleanStringForUrlSegment(title);
        if (string.IsNullOrWhiteSpace(slug))
        {
            slug = documentType == SiteDocumentTypes.Event ? "akce" : "aktualita";
        }

        var taken = await store.SlugsLikeAsync(documentType, slug, cancellationToken);
        return Enumerable.Range(1, taken.Count + 1).Select(n => n == 1 ? slug : $"{slug}-{n}").First(s => !taken.Contains(s));
    }

    private static string Subject(Guid key) => $"page:{key}";

    private static string Details(SitePage page) => $"{page.DocumentType}: {(page.Published ?? page.Draft).Title}";
}
