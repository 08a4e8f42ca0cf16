using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Areas.Ruian;

namespace Studenka.Umbraco.Notifications.Areas;

internal static class AreasServiceCollectionExtensions
{
    public static IServiceCollection AddAreas(this IServiceCollection services)
    {
        services.AddSingleton<AreaRepository>();
        services.AddSingleton<AreaSeeder>();
        services.AddOptions<RuianOptions>().BindConfiguration(RuianOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RuianImportService>();
        services.AddSingleton<AddressReview>();
        services.AddSingleton<AddressMapping>();
        services.AddSingleton<AreaOverview>();
        // The timeout is set per download from the options; no retries: an administrator clicks again.
        services.AddHttpClient(CuzkDownload.HttpClientName);
        services.AddSingleton<CuzkDownload>();
        services.AddSingleton<RuianImportJobs>();
        return services;
    }
}
