using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Persistence;

internal static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PersistenceOptions>().Bind(configuration.GetSection(PersistenceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // The engine is chosen once, at start, from the validated options.
        services.AddSingleton<IDbConnectionFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PersistenceOptions>>();
            return options.Value.Provider switch
            {
                DatabaseProvider.PostgreSql => new PostgresConnectionFactory(options),
                _ => ActivatorUtilities.CreateInstance<SqliteConnectionFactory>(sp),
            };
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<InstallationSecrets>();
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
