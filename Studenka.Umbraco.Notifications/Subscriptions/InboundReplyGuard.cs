using Dapper;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>A reserved right to send one automatic reply (the reply is queued in the outbox, which retries it).</summary>
public sealed record InboundReplyReservation(string PhoneHash, string Day);

/// <summary>
/// At most one automatic reply per number and town day, and a site-wide daily cap: anyone can
/// text our number as often as they like, but each answer costs the town money.
/// </summary>
public sealed class InboundReplyGuard(IDbConnectionFactory connections, InstallationSecrets secrets, TownCalendar calendar, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public async Task<InboundReplyReservation?> TryReserveAsync(string phone, CancellationToken cancellationToken)
    {
        var reservation = new InboundReplyReservation(await secrets.KeyedHashAsync("inbound-reply-hmac", phone, cancellationToken), calendar.Today());

        // Serializable, so the cap holds under concurrency; a transaction that lost a race runs again.
        return await connections.InTransactionAsync(System.Data.IsolationLevel.Serializable, async (connection, transaction) =>
        {
            var today = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM inbound_replies WHERE day = @Day", reservation, transaction, cancellationToken: cancellationToken));
            if (today >= options.Value.DailyInboundReplyCap)
            {
                return null;
            }

            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO inbound_replies (phone_hash, day, sent_at_ms) VALUES (@PhoneHash, @Day, @At) ON CONFLICT (phone_hash, day) DO NOTHING",
                new { reservation.PhoneHash, reservation.Day, At = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            // Only today's rows matter; ISO dates compare as text.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM inbound_replies WHERE day < @Day", reservation, transaction, cancellationToken: cancellationToken));
            return inserted == 1 ? reservation : null;
        }, cancellationToken);
    }
}
