using Umbraco.Cms.Core.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Umbraco;

public static class UmbracoBuilderExtensions
{
    /// <summary>The Umbraco entry point: the same registration the standalone Site uses.</summary>
    public static IUmbracoBuilder AddStudenkaNotifications(this IUmbracoBuilder builder)
    {
        builder.Services.AddStudenkaNotifications(builder.Config);
        return builder;
    }
}
