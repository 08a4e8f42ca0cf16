using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Operators;

public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Subject, string? Details);

/// <summary>
/// What an administrator looks for: each filter is optional. <paramref name="Actor"/> and <paramref name="Text"/>
/// (in subject or details) match a part, ignoring letter case; <paramref name="Action"/> the whole action, or
/// every action of a kind when it ends with a dot (<c>campaign.</c>); the times are [from, until).
/// </summary>
public sealed record AuditQuery(string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? Until, string? Text, int Skip, int Take);

public sealed record AuditPage(int Total, IReadOnlyList<AuditEntry> Items);

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

    /// <summary>One page of the entries that match, newest first, with how many match in all.</summary>
    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            where.Add(@"LOWER(actor) LIKE @actor ESCAPE '\'");
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            where.Add(query.Action.EndsWith('.') ? @"action LIKE @actionPrefix ESCAPE '\'" : "action = @action");
        }

        if (query.From is not null)
        {
            where.Add("at_ms >= @from");
        }

        if (query.Until is not null)
        {
            where.Add("at_ms < @until");
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Add(@"(LOWER(COALESCE(subject, '')) LIKE @text ESCAPE '\' OR LOWER(COALESCE(details, '')) LIKE @text ESCAPE '\')");
        }

        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var parameters = new
        {
            actor = Contains(query.Actor),
            action = query.Action?.Trim(),
            actionPrefix = Like(query.Action?.Trim() ?? "") + "%",
            from = query.From?.ToUnixTimeMilliseconds(),
            until = query.Until?.ToUnixTimeMilliseconds(),
            text = Contains(query.Text),
            skip = query.Skip,
            take = query.Take,
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM audit_log {filter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(long Id, long AtMs, string Actor, string Action, string? Subject, string? Details)>(new CommandDefinition(
            $"SELECT id, at_ms, actor, action, subject, details FROM audit_log {filter} ORDER BY id DESC LIMIT @take OFFSET @skip",
            parameters, cancellationToken: cancellationToken));
        return new((int)total, rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Actor, r.Action, r.Subject, r.Details)).ToList());
    }

    /// <summary>Every action name the log holds, for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT action FROM audit_log ORDER BY action", cancellationToken: cancellationToken))).ToList();
    }

    // Lower-cased in .NET (SQLite's LOWER knows only ASCII; the column side is lowered by the engine, which
    // is enough for the ASCII parts of names and ids and for PostgreSQL's full Unicode LOWER).
    private static string? Contains(string? value) => string.IsNullOrWhiteSpace(value) ? null : "%" + Like(value.Trim().ToLowerInvariant()) + "%";

    private static string Like(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
