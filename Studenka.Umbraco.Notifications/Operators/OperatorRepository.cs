using Dapper;
using Row = (long Id, string UserName, string DisplayName, string Role, string PasswordHash, long FailedAttempts, long? LockedUntilMs, long CreatedAtMs, long? LastLoginAtMs);
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// The <c>operators</c> table. User names compare case-insensitively (COLLATE NOCASE), so "Jana"
/// and "jana" are one account. Counter updates are single statements, so two parallel wrong
/// passwords both count.
/// </summary>
public sealed class OperatorRepository(IDbConnectionFactory connections)
{
    private const string Columns = "id, user_name, display_name, role, password_hash, failed_attempts, locked_until_ms, created_at_ms, last_login_at_ms";

    public async Task<Operator?> FindAsync(string userName, CancellationToken cancellationToken) =>
        (await FindCredentialsAsync(userName, cancellationToken))?.Operator;

    public async Task<IReadOnlyList<Operator>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM operators ORDER BY user_name", cancellationToken: cancellationToken));
        return rows.Select(r => ToCredentials(r).Operator).ToList();
    }

    internal async Task<OperatorCredentials?> FindCredentialsAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            $"SELECT {Columns} FROM operators WHERE user_name = @userName",
            new { userName }, cancellationToken: cancellationToken));
        return row is { } r ? ToCredentials(r) : null;
    }

    /// <summary>Inserts the account; null when the name is taken (in any letter case).</summary>
    internal async Task<long?> InsertAsync(string userName, string displayName, OperatorRole role, string passwordHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO operators (user_name, display_name, role, password_hash, created_at_ms)
            VALUES (@userName, @displayName, @role, @passwordHash, @createdAtMs)
            ON CONFLICT (user_name) DO NOTHING
            RETURNING id
            """,
            new { userName, displayName, role = role.ToString(), passwordHash, createdAtMs = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Counts a wrong password. The attempt that reaches the limit locks the account and starts the
    /// count again, so after the lock the operator has the full number of tries. Returns the lock end, if locked now.
    /// </summary>
    internal async Task<DateTimeOffset?> RecordFailureAsync(long id, int maxAttempts, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var lockedUntilMs = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE operators SET
                locked_until_ms = CASE WHEN failed_attempts + 1 >= @maxAttempts THEN @lockUntilMs ELSE NULL END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= @maxAttempts THEN 0 ELSE failed_attempts + 1 END
            WHERE id = @id
            RETURNING locked_until_ms
            """,
            new { id, maxAttempts, lockUntilMs = lockUntil.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return lockedUntilMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    internal async Task RecordSuccessAsync(long id, DateTimeOffset now, string? newPasswordHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE operators SET failed_attempts = 0, locked_until_ms = NULL, last_login_at_ms = @nowMs,
                password_hash = COALESCE(@newPasswordHash, password_hash)
            WHERE id = @id
            """,
            new { id, nowMs = now.ToUnixTimeMilliseconds(), newPasswordHash }, cancellationToken: cancellationToken));
    }

    private static OperatorCredentials ToCredentials(Row r) => new(
        new Operator(r.Id, r.UserName, r.DisplayName, Enum.Parse<OperatorRole>(r.Role), DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs),
            r.LastLoginAtMs is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null),
        r.PasswordHash, r.FailedAttempts, r.LockedUntilMs is { } locked ? DateTimeOffset.FromUnixTimeMilliseconds(locked) : null);
}
