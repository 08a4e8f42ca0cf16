using System.Data.Common;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// The database seam: SQLite for one node, PostgreSQL for several. Repositories only ask for an
/// open connection and write plain SQL that both dialects understand.
/// </summary>
public interface IDbConnectionFactory
{
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
