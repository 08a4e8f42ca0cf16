using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Editors;

internal static class EditorsServiceCollectionExtensions
{
    /// <summary>
    /// The services behind "publishing a page sends the SMS". The Core notification handlers are added
    /// by the Umbraco builder path (<c>Umbraco/UmbracoBuilderExtensions</c>); the reminder scheduler is
    /// the reminders feature's, resolved when present.
    /// </summary>
    public static IServiceCollection AddEditors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EditorOptions>().Bind(configuration.GetSection(EditorOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PageAnnouncements>();
        services.AddSingleton<PageValuesReader>();
        services.AddSingleton<AnnouncementText>();
        // Scoped: they resolve the host's optional Core services (URL provider, reminder scheduler) per publish.
        services.AddScoped<PageUrls>();
        services.AddScoped<PageAnnouncer>();
        services.AddScoped<PageSmsView>();
        return services;
    }
}
