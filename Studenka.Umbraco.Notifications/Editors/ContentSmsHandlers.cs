using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Umbraco;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>
/// Core's content notifications → <see cref="PageAnnouncer"/>: published (and a culture unpublished
/// inside a publish), unpublished, moved to the recycle bin. Raised after Umbraco committed, so they
/// cannot veto anything; an error is logged and never reaches the editor's publish.
/// </summary>
public sealed class ContentSmsHandlers(PageAnnouncer announcer, IServiceProvider services, ILogger<ContentSmsHandlers> logger) :
    INotificationAsyncHandler<ContentPublishedNotification>,
    INotificationAsyncHandler<ContentUnpublishedNotification>,
    INotificationAsyncHandler<ContentMovedToRecycleBinNotification>
{
    public async Task HandleAsync(ContentPublishedNotification notification, CancellationToken cancellationToken)
    {
        foreach (var content in notification.PublishedEntities.Where(announcer.Announces))
        {
            var culture = announcer.CultureOf(content);
            await SafelyAsync(content.Key, () => Unpublishes(notification, content, culture)
                ? announcer.WithdrawAsync(content.Key, cancellationToken)
                : Publishes(notification, content, culture) ? announcer.PublishedAsync(content, EditorOf(content), cancellationToken) : Task.CompletedTask);
        }
    }

    public async Task HandleAsync(ContentUnpublishedNotification notification, CancellationToken cancellationToken)
    {
        foreach (var content in notification.UnpublishedEntities)
        {
            if (announcer.Announces(content))
            {
                await SafelyAsync(content.Key, () => announcer.WithdrawAsync(content.Key, cancellationToken));
            }

            foreach (var below in DescendantsThatAnnounce(content))
            {
                await SafelyAsync(below.Key, () => announcer.WithdrawAsync(below.Key, cancellationToken));
            }
        }
    }

    /// <summary>
    /// Umbraco names only the node that was unpublished; the pages below it keep their published state
    /// but are no longer on the web, so their SMS must not go out with a link that leads nowhere. (Moving
    /// to the recycle bin names every descendant itself.) A host without Core's content service (the
    /// standalone Site, whose pages have no children) has none.
    /// </summary>
    private IEnumerable<IContent> DescendantsThatAnnounce(IContent content)
    {
        if (services.Optional<IContentService>(logger, "pages below an unpublished page keep their SMS") is not { } contentService)
        {
            yield break;
        }

        const int pageSize = 500;
        for (long page = 0, seen = 0, total = 1; seen < total; page++)
        {
            var batch = contentService.GetPagedDescendants(content.Id, page, pageSize, out total).ToList();
            if (batch.Count == 0)
            {
                yield break;
            }

            seen += batch.Count;
            foreach (var descendant in batch.Where(announcer.Announces))
            {
                yield return descendant;
            }
        }
    }

    public async Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken cancellationToken)
    {
        foreach (var content in notification.MoveInfoCollection.Select(m => m.Entity).Where(announcer.Announces))
        {
            await SafelyAsync(content.Key, () => announcer.WithdrawAsync(content.Key, cancellationToken));
        }
    }

    /// <summary>
    /// Was the culture that counts published now? Invariant content lists "*". Raised without culture
    /// info, the notification itself says an invariant page was published; a variant page's culture state says.
    /// </summary>
    private static bool Publishes(ContentPublishedNotification notification, IContent content, string? culture) =>
        notification.PublishedCultures?.TryGetValue(content.Key, out var cultures) == true
            ? culture is null || cultures.Contains(culture, StringComparer.OrdinalIgnoreCase) || cultures.Contains("*")
            : culture is null || content.IsCulturePublished(culture);

    /// <summary>Unpublishing one culture arrives as a publish notification.</summary>
    private static bool Unpublishes(ContentPublishedNotification notification, IContent content, string? culture) =>
        culture is not null && notification.UnpublishedCultures?.TryGetValue(content.Key, out var cultures) == true
            && cultures.Contains(culture, StringComparer.OrdinalIgnoreCase);

    /// <summary>The signed-in backoffice user (Core's accessor, when the host has one), else the page's publisher id.</summary>
    private string EditorOf(IContent content)
    {
        if (services.GetService<IBackOfficeSecurityAccessor>()?.BackOfficeSecurity?.CurrentUser is { } user)
        {
            return string.IsNullOrWhiteSpace(user.Name) ? user.Username : $"{user.Name} ({user.Username})";
        }

        return content.PublisherId is { } id ? $"uživatel Umbraco č. {id}" : "neznámý editor";
    }

    private async Task SafelyAsync(Guid contentKey, Func<Task> work)
    {
        try
        {
            await work();
        }
#pragma warning disable CA1031 // The page is published already; an SMS problem must not turn the editor's publish into an error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "The SMS of page {ContentKey} could not be recorded; publish the page again once the cause is fixed", contentKey);
        }
    }
}
