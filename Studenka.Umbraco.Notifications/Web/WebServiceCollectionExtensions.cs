using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Web;

internal static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddNotificationsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddControllersWithViews(o => o.Filters.Add<CzechAntiforgeryFailureFilter>())
            .AddApplicationPart(typeof(WebServiceCollectionExtensions).Assembly);
        services.AddSingleton<ManageSession>();
        return services;
    }
}
