using Microsoft.Extensions.DependencyInjection.Extensions;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Umbraco;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Routing;
using Umbraco.Cms.Core.Strings;

namespace Studenka.Umbraco.Site.Content;

/// <summary>
/// The Site's stand-in for Umbraco content: its pages table, Core's <see cref="EventAggregator"/> with the
/// package's <see cref="ContentSmsHandlers"/> on the three content notifications (as the package's
/// Umbraco builder registers them), Core's URL provider for the pages, and the section's policy.
/// </summary>
public static class ContentServiceCollectionExtensions
{
    public static IServiceCollection AddSiteContent(this IServiceCollection services)
    {
        // Core's URL segments, as Umbraco makes them ("Adventní koncert" → adventni-koncert); WithDefault, or diacritics stay.
        services.TryAddSingleton<IShortStringHelper>(new DefaultShortStringHelper(new DefaultShortStringHelperConfig().WithDefault(new RequestHandlerSettings())));
        // What UmbracoBuilder registers: the aggregator resolves a scope per publish through this delegate.
        services.TryAddSingleton<ServiceFactory>(sp => type => sp.GetService(type)!);
        services.TryAddSingleton<IEventAggregator, EventAggregator>();
        // Core's IServiceCollection helper for handlers is internal; registered as UmbracoBuilderExtensions does, once.
        if (!services.Any(d => d.ImplementationType == typeof(ContentSmsHandlers)))
        {
            services.AddTransient<INotificationAsyncHandler<ContentPublishedNotification>, ContentSmsHandlers>();
            services.AddTransient<INotificationAsyncHandler<ContentUnpublishedNotification>, ContentSmsHandlers>();
            services.AddTransient<INotificationAsyncHandler<ContentMovedToRecycleBinNotification>, ContentSmsHandlers>();
        }

        services.AddSingleton<SitePageStore>();
        services.AddSingleton<SiteContentTypes>();
        services.AddSingleton<SitePageUrls>();
        services.AddSingleton<IPublishedUrlProvider>(sp => sp.GetRequiredService<SitePageUrls>());
        services.AddScoped<SitePages>();
        services.AddScoped<PageViews>();
        services.AddHostedService<SitePagesInitializer>();
        services.AddAuthorization(o => o.AddPolicy(SiteContentPolicies.Pages, p => p.AddAuthenticationSchemes(UmbracoBuilderExtensions.BackOfficeScheme)
            .AddRequirements(new NotificationsSectionRequirement(SiteContentPolicies.SectionAlias))));
        return services;
    }
}

/// <summary>Creates the pages table at start, after the package's database initializer (registered before it) migrated the database.</summary>
internal sealed class SitePagesInitializer(SitePageStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureTableAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
