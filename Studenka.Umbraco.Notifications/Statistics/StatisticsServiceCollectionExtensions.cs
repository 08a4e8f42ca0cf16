using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Statistics;

internal static class StatisticsServiceCollectionExtensions
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddSingleton<StatisticsService>();
}
