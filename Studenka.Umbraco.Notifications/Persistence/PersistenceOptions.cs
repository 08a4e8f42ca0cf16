using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>The engines the package runs on. SQL Server is not built yet (see README, "Database").</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file: one node, nothing to install.</summary>
    Sqlite,

    /// <summary>A shared server: several nodes (load-balanced Umbraco, several Sites).</summary>
    PostgreSql,
}

/// <summary>Where the package keeps its own tables (section <c>Studenka:Persistence</c>).</summary>
public sealed class PersistenceOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Persistence";

    /// <summary>The Umbraco default: beside Umbraco's own data (<c>umbraco/Data</c> under the content root).</summary>
    public const string DefaultSqliteConnectionString = "Data Source=umbraco/Data/studenka-sms.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// ADO.NET connection string of <see cref="Provider"/>. For SQLite a relative <c>Data Source</c>
    /// is resolved against the host's content root so the file does not wander with the working
    /// directory; PostgreSQL has no default (a server must be named).
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("Studenka:Persistence:Provider must be Sqlite or PostgreSql.", [nameof(Provider)]);
        }
        else if (Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Set Studenka:Persistence:ConnectionString for PostgreSql (e.g. \"Host=db;Database=studenka;Username=studenka;Password=...\").",
                [nameof(ConnectionString)]);
        }
    }
}
