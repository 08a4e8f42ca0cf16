using System.Data;
using Dapper;
using Row = (long Id, string UserName, string DisplayName, string Role, string PasswordHash, long CreatedAtMs, long? LastLoginAtMs, long? LockedUntilMs);
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// The <c>operators</c> table. User names are unique case-insensitively (SQLite COLLATE NOCASE,
/// PostgreSQL citext), so "Jana" and "jana" are one account; lookups say lower() because a text
/// parameter would compare a citext column case-sensitively.
/// </summary>
public sealed class OperatorRepository(IDbConnectionFactory connections)
{
    // failed_attempts (schema v6) is unused since v14: wrong logins are counted per name and
    // address by OperatorLoginThrottle, never against the account. locked_until_ms, emptied then,
    // now holds an administrator's lock (OperatorAccounts.DisableAsync): set means disabled.
    private const string Columns = "id, user_name, display_name, role, password_hash, created_at_ms, last_login_at_ms, locked_until_ms";

    public async Task<Operator?> FindAsync(string userName, CancellationToken cancellationToken) =>
        (await FindCredentialsAsync(userName, cancellationToken))?.Operator;

    /// <summary>The account by its id (what a backoffice token names), checked on every request.</summary>
    public async Task<Operator?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            $"SELECT {Columns} FROM operators WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is { } r ? ToCredentials(r).Operator : null;
    }

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
            $"SELECT {Columns} FROM operators WHERE lower(user_name) = lower(@userName)",
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

    internal async Task RecordSuccessAsync(long id, DateTimeOffset now, string? newPasswordHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE operators SET last_login_at_ms = @nowMs,
                password_hash = COALESCE(@newPasswordHash, password_hash)
            WHERE id = @id
            """,
            new { id, nowMs = now.ToUnixTimeMilliseconds(), newPasswordHash }, cancellationToken: cancellationToken));
    }

    // The account is no enabled administrator, or another enabled one remains. Part of the UPDATE
    // itself, so the check and the change are one statement.
    private const string AnotherAdministratorRemains = """
        (role <> 'Administrator' OR locked_until_ms IS NOT NULL
         OR EXISTS (SELECT 1 FROM operators other WHERE other.role = 'Administrator' AND other.locked_until_ms IS NULL AND other.id <> @id))
        """;

    /// <summary>
    /// Locks (a time) or unlocks (null) the account; false when there is no such id or, with
    /// <paramref name="keepAnAdministrator"/>, when it is the last enabled administrator.
    /// </summary>
    internal async Task<bool> SetLockAsync(long id, DateTimeOffset? lockedAt, CancellationToken cancellationToken, bool keepAnAdministrator = false)
    {
        return await UpdateAsync("UPDATE operators SET locked_until_ms = @lockedMs WHERE id = @id", new { id, lockedMs = lockedAt?.ToUnixTimeMilliseconds() },
            keepAnAdministrator && lockedAt is not null, cancellationToken);
    }

    /// <summary>False when there is no such id or, with <paramref name="keepAnAdministrator"/>, when it would demote the last enabled administrator.</summary>
    internal async Task<bool> SetRoleAsync(long id, OperatorRole role, CancellationToken cancellationToken, bool keepAnAdministrator = false)
    {
        return await UpdateAsync("UPDATE operators SET role = @role WHERE id = @id", new { id, role = role.ToString() },
            keepAnAdministrator && role != OperatorRole.Administrator, cancellationToken);
    }

    /// <summary>
    /// One account's update; with <paramref name="keepAnAdministrator"/> only while another enabled
    /// administrator remains. Two administrators demoting or disabling each other at once (two nodes
    /// on PostgreSQL) would each still see the other in their statement's snapshot, and both would go
    /// through: so the enabled administrators are locked first, the second change waits for the first
    /// and its check then sees what the first did (read committed: each statement reads anew).
    /// </summary>
    private async Task<bool> UpdateAsync(string sql, object parameters, bool keepAnAdministrator, CancellationToken cancellationToken)
    {
        if (!keepAnAdministrator)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
        }

        return await connections.InTransactionAsync(IsolationLevel.ReadCommitted, async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT id FROM operators WHERE role = 'Administrator' AND locked_until_ms IS NULL" + connections.Dialect.LockRows,
                transaction: transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition(sql + " AND " + AnotherAdministratorRemains, parameters, transaction, cancellationToken: cancellationToken)) == 1;
        }, cancellationToken);
    }

    internal async Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, cancellationToken: cancellationToken));
    }

    private static OperatorCredentials ToCredentials(Row r) => new(
        new Operator(r.Id, r.UserName, r.DisplayName, Enum.Parse<OperatorRole>(r.Role), DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs),
            r.LastLoginAtMs is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null) { Disabled = r.LockedUntilMs is not null },
        r.PasswordHash);
}
