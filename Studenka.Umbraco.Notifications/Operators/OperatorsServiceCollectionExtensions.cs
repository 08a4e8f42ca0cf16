using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Operators;

internal static class OperatorsServiceCollectionExtensions
{
    public static IServiceCollection AddOperators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditLog>();
        return services;
    }
}
