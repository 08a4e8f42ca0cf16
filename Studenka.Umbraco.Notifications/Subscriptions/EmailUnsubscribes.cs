using System.Data;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum UnsubscribeOutcome
{
    Unsubscribed,

    /// <summary>The package no longer goes to the address (a second click, or changed in the manage pages).</summary>
    AlreadyUnsubscribed,

    /// <summary>The link is not one of ours, or its address is no subscriber's confirmed e-mail any more.</summary>
    Unknown,
}

/// <param name="PackageId">The package row that changed: the message's own, or "Vše" when that is what sent it.</param>
/// <param name="Remaining">What the subscriber still receives, per package (empty: nothing).</param>
public sealed record UnsubscribeResult(UnsubscribeOutcome Outcome, int PackageId = 0, IReadOnlyDictionary<int, PackageChannel>? Remaining = null);

/// <summary>
/// The one-click unsubscribe of an e-mail (RFC 8058): the token names a confirmed address and a
/// package, and only that subscriber's row of that package changes (by_email off; the row goes when
/// it leaves neither channel). A message of a package the subscriber receives through "Vše" names
/// the package; then "Vše" stops coming by e-mail, since that is the row that sent it.
/// </summary>
public sealed class EmailUnsubscribes(IDbConnectionFactory connections, EmailLinks links, TimeProvider time)
{
    /// <summary>What the link would do, without doing it (the GET page).</summary>
    public async Task<UnsubscribeResult> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.ReadUnsubscribeToken(token) is not { } target)
        {
            return new(UnsubscribeOutcome.Unknown);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await FindAsync(connection, null, target, cancellationToken);
        return row is null ? new(UnsubscribeOutcome.Unknown)
            : row.Value.PackageId is null ? new(UnsubscribeOutcome.AlreadyUnsubscribed, target.PackageId)
            : new(UnsubscribeOutcome.Unsubscribed, row.Value.PackageId.Value);
    }

    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.ReadUnsubscribeToken(token) is not { } target)
        {
            return new(UnsubscribeOutcome.Unknown);
        }

        return await connections.InTransactionAsync(IsolationLevel.Serializable, async (connection, transaction) =>
        {
            if (await FindAsync(connection, transaction, target, cancellationToken) is not { SubscriberId: var id, PackageId: var package })
            {
                return new UnsubscribeResult(UnsubscribeOutcome.Unknown);
            }

            if (package is not { } changed)
            {
                return new UnsubscribeResult(UnsubscribeOutcome.AlreadyUnsubscribed, target.PackageId, await RemainingAsync(connection, transaction, id, cancellationToken));
            }

            var now = time.GetUtcNow();
            var before = await SubscriberHistory.MembershipAsync(connection, transaction, id, cancellationToken);
            var parameters = new { id, changed };
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM subscriber_packages WHERE subscriber_id = @id AND package_id = @changed AND by_sms = 0", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE subscriber_packages SET by_email = 0 WHERE subscriber_id = @id AND package_id = @changed", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE subscribers SET updated_at_ms = @at WHERE id = @id", new { id, at = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await SubscriberHistory.RecordAsync(connection, transaction, before,
                await SubscriberHistory.MembershipAsync(connection, transaction, id, cancellationToken), now, cancellationToken);
            return new UnsubscribeResult(UnsubscribeOutcome.Unsubscribed, changed, await RemainingAsync(connection, transaction, id, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>The subscriber whose confirmed address the token names, and the package row that sends it the package by e-mail (null: none does).</summary>
    private static async Task<(long SubscriberId, int? PackageId)?> FindAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, EmailUnsubscribe target, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM subscribers WHERE email = @Email AND email_verified_at_ms IS NOT NULL",
            new { Email = EmailLinks.Normalize(target.Email) }, transaction, cancellationToken: cancellationToken));
        if (id is null)
        {
            return null;
        }

        var rows = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT package_id FROM subscriber_packages WHERE subscriber_id = @id AND by_email = 1 AND package_id IN (@PackageId, @Everything)",
            new { id, target.PackageId, Everything = TopicPackages.Everything }, transaction, cancellationToken: cancellationToken))).Select(p => (int)p).ToList();
        return (id.Value, rows.Contains(target.PackageId) ? target.PackageId : rows.Count > 0 ? rows[0] : null);
    }

    private static async Task<IReadOnlyDictionary<int, PackageChannel>> RemainingAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Package, long BySms, long ByEmail)>(new CommandDefinition(
            "SELECT package_id, by_sms, by_email FROM subscriber_packages WHERE subscriber_id = @id ORDER BY package_id", new { id }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(r => (int)r.Package, r => SubscriberRepository.Channel(r.BySms == 1, r.ByEmail == 1));
}
