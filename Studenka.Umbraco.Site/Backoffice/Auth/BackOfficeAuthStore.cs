using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>OpenIddict's applications, authorizations, scopes and tokens (EF Core entities of OpenIddict).</summary>
public sealed class BackOfficeAuthDbContext(DbContextOptions<BackOfficeAuthDbContext> options) : DbContext(options);

/// <summary>
/// Where OpenIddict keeps its rows: the package's own database (SQLite by default, PostgreSQL when
/// <c>Studenka:Persistence:Provider</c> says so), so several Site nodes share clients and tokens.
/// </summary>
internal static class BackOfficeAuthStore
{
    /// <summary>The package's own connection: its validated options and, for SQLite, the file its factory resolved (relative to the content root).</summary>
    public static void Configure(DbContextOptionsBuilder options, IServiceProvider services)
    {
        switch (services.GetRequiredService<IDbConnectionFactory>())
        {
            case SqliteConnectionFactory sqlite:
                options.UseSqlite(sqlite.ConnectionString);
                break;
            default:
                options.UseNpgsql(services.GetRequiredService<IOptions<PersistenceOptions>>().Value.ConnectionString);
                break;
        }

        options.UseOpenIddict();
    }

    /// <summary>
    /// Creates OpenIddict's tables and indexes when missing. EnsureCreated does nothing in a
    /// database that already has other tables (the package's), so the model's own create script is
    /// run with IF NOT EXISTS on every statement: idempotent on SQLite and PostgreSQL alike.
    /// </summary>
    public static async Task EnsureTablesAsync(BackOfficeAuthDbContext context, CancellationToken cancellationToken)
    {
        var script = context.Database.GenerateCreateScript()
            .Replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal)
            .Replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", StringComparison.Ordinal)
            .Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal);
        DbConnection connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
