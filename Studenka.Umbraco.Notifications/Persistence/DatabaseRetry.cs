using System.Data;
using System.Data.Common;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// The one place where a transaction that lost to a concurrent one (PostgreSQL 40001/40P01,
/// SQLite busy) runs again. The work must be the whole transaction: it is retried from its start.
/// </summary>
public static class DatabaseRetry
{
    // Generous: under a burst every loser retries; each try is a few milliseconds.
    private const int Attempts = 25;

    public static async Task<T> InTransactionAsync<T>(
        this IDbConnectionFactory connections, IsolationLevel isolation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            try
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < Attempts && connections.Dialect.IsSerializationFailure(e))
            {
                // Disposing the transaction rolls back what is left of it; a short random pause, so two losers do not collide again at once.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }
    }
}
