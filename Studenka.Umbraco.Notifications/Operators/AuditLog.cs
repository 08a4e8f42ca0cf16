using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Operators;

public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Subject, string? Details);

/// <summary>
/// Who did what and when, for every send and cancel. The table refuses UPDATE and DELETE
/// (triggers in the schema), so an entry once written stays as written.
/// </summary>
public sealed class AuditLog(IDbConnectionFactory connections, TimeProvider time)
{
    public async Task AppendAsync(OperatorIdentity actor, string action, string? subject, string? details, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await AppendAsync(connection, null, actor, action, subject, details, cancellationToken);
    }

    /// <summary>Writes inside the caller's transaction, so the entry exists exactly when the change does.</summary>
    public Task AppendAsync(DbConnection connection, DbTransaction? transaction, OperatorIdentity actor, string action, string? subject, string? details, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at_ms, actor, action, subject, details) VALUES (@At, @Actor, @Action, @Subject, @Details)",
            new { At = time.GetUtcNow().ToUnixTimeMilliseconds(), Actor = $"{actor.DisplayName} ({actor.Id})", Action = action, Subject = subject, Details = details },
            transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long AtMs, string Actor, string Action, string? Subject, string? Details)>(new CommandDefinition(
            "SELECT id, at_ms, actor, action, subject, details FROM audit_log ORDER BY id DESC LIMIT @take",
            new { take }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Actor, r.Action, r.Subject, r.Details)).ToList();
    }
}
