using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(PersistenceOptions.SectionName);
        // The same defaults and provider names as the package's PersistenceOptions.
        var connectionString = section["ConnectionString"] ?? PersistenceOptions.DefaultSqliteConnectionString;
        if (Enum.TryParse<DatabaseProvider>(section["Provider"], ignoreCase: true, out var provider) && provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(connectionString, environment));
        }

        options.UseOpenIddict();
    }

    /// <summary>The same file the package opens: a relative Data Source is under the content root.</summary>
    private static string SqliteConnectionString(string connectionString, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, builder.DataSource));
        }

        return builder.ToString();
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
