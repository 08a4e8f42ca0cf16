using System.Data.Common;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// The database seam: SQLite for one node, PostgreSQL for several. Repositories ask for an open
/// connection and write plain SQL both engines understand; where they truly differ, they ask
/// <see cref="Dialect"/> for the fragment.
/// </summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
