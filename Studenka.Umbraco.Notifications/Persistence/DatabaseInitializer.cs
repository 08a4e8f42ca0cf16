using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Migrates and seeds before the host serves requests (hosted services start before Kestrel
/// accepts connections), so the first resident never meets a missing table.
/// </summary>
public sealed class DatabaseInitializer(
    DatabaseMigrator migrator,
    AreaSeeder areas,
    PackageSeeder packages,
    IDbConnectionFactory connections,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await packages.SeedAsync(cancellationToken);
        await areas.SeedAsync(cancellationToken);
        if (connections is SqliteConnectionFactory sqlite)
        {
            logger.LogInformation("Studénka SMS database ready at {DataSource}", sqlite.DataSource);
        }
        else if (connections is PostgresConnectionFactory postgres)
        {
            logger.LogInformation("Studénka SMS database ready: PostgreSQL database {Database}", postgres.Database);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
