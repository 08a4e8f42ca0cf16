using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Areas;

internal static class AreasServiceCollectionExtensions
{
    public static IServiceCollection AddAreas(this IServiceCollection services)
    {
        services.AddSingleton<AreaRepository>();
        services.AddSingleton<AreaSeeder>();
        return services;
    }
}
