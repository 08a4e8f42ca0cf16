using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum ThrottleOutcome
{
    Allowed,
    Cooldown,
    PhoneDailyLimit,
    GlobalDailyCap,
}

public sealed record ThrottleDecision(ThrottleOutcome Outcome, long? ReservationId = null, int RetryAfterSeconds = 0)
{
    public bool IsAllowed => Outcome == ThrottleOutcome.Allowed;
}

/// <summary>
/// Per-number cooldown and daily limit plus a site-wide daily cap on verification SMS. Kept in the
/// database so it holds across restarts and nodes. A reservation is taken before sending and
/// released if the gateway did not take the SMS, so failures do not eat a resident's allowance.
/// </summary>
public sealed class VerificationSmsThrottle(IDbConnectionFactory connections, InstallationSecrets secrets, TownCalendar calendar, IOptions<SubscriptionOptions> options, TimeProvider time)
{

    public async Task<ThrottleDecision> TryReserveAsync(string phone, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        // The log outlives a cancelled subscription, so it keeps only a keyed hash of the number;
        // the key is random per installation, so the ~10^9 Czech numbers cannot be tried offline
        // without the database itself.
        var phoneHash = await secrets.KeyedHashAsync("verification-log-hmac", phone, cancellationToken);
        var dayStart = calendar.StartOfToday().ToUnixTimeMilliseconds();

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(sent_at_ms) FROM verification_sms_log WHERE phone_hash = @phoneHash",
            new { phoneHash }, transaction, cancellationToken: cancellationToken));
        var cooldownEnds = (last ?? long.MinValue / 2) + (o.ResendCooldownSeconds * 1000L);
        if (cooldownEnds > now.ToUnixTimeMilliseconds())
        {
            return new(ThrottleOutcome.Cooldown, RetryAfterSeconds: (int)Math.Ceiling((cooldownEnds - now.ToUnixTimeMilliseconds()) / 1000.0));
        }

        var perPhone = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM verification_sms_log WHERE phone_hash = @phoneHash AND sent_at_ms > @since",
            new { phoneHash, since = now.AddDays(-1).ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        if (perPhone >= o.MaxCodesPerPhonePerDay)
        {
            return new(ThrottleOutcome.PhoneDailyLimit, RetryAfterSeconds: 24 * 3600);
        }

        var today = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM verification_sms_log WHERE sent_at_ms >= @dayStart",
            new { dayStart }, transaction, cancellationToken: cancellationToken));
        if (today >= o.DailyVerificationSmsCap)
        {
            return new(ThrottleOutcome.GlobalDailyCap, RetryAfterSeconds: 3600);
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO verification_sms_log (phone_hash, sent_at_ms) VALUES (@phoneHash, @at) RETURNING id",
            new { phoneHash, at = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        // Old entries are useless for every limit above; trimming here keeps the table small.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_sms_log WHERE sent_at_ms < @before",
            new { before = now.AddDays(-2).ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new(ThrottleOutcome.Allowed, id);
    }

    public async Task ReleaseAsync(long reservationId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_sms_log WHERE id = @reservationId", new { reservationId }, cancellationToken: cancellationToken));
    }
}
