using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Net;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum ThrottleOutcome
{
    Allowed,
    Cooldown,
    PhoneDailyLimit,
    ClientLimit,
    NetworkLimit,
    GlobalDailyCap,
}

/// <summary>A limit's answer; when refused, <see cref="RetryAt"/> is the true moment (in the town's time) it lets the request through.</summary>
public sealed record ThrottleDecision(ThrottleOutcome Outcome, int RetryAfterSeconds = 0, DateTimeOffset? RetryAt = null)
{
    public bool IsAllowed => Outcome == ThrottleOutcome.Allowed;
}

/// <summary>
/// Every limit on the SMS residents can trigger (codes and the notices that replace them): per number
/// (cooldown, 24 h), per client address and per network (window, 24 h), and the site-wide daily cap.
/// Kept in the database so it holds across restarts and nodes. Only an SMS about to be sent takes a
/// reservation (a typo in the form costs nothing); the SMS leaves through the outbox, which retries
/// it, so a reservation is never given back. Administrators are alerted (log + audit) when the daily
/// cap is near and reached.
/// </summary>
public sealed class VerificationSmsThrottle(
    IDbConnectionFactory connections,
    InstallationSecrets secrets,
    TownCalendar calendar,
    AuditLog audit,
    RuntimeSettings settings,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<VerificationSmsThrottle> logger)
{
    private const string HashKey = "verification-log-hmac";
    private static readonly OperatorIdentity SystemActor = new("system", "Systém SMS");

    public async Task<ThrottleDecision> TryReserveAsync(string phone, IPAddress? client, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var network = ClientNetwork.Of(client, o.NetworkPrefixLengthV4, o.NetworkPrefixLengthV6);
        // The log outlives a cancelled subscription, so it keeps only keyed hashes of the number and
        // the address; the key is random per installation, so they cannot be tried offline without the database.
        var keys = new Keys(
            await secrets.KeyedHashAsync(HashKey, phone, cancellationToken),
            await secrets.KeyedHashAsync(HashKey, "ip:" + network.Address, cancellationToken),
            network.Network is { } n ? await secrets.KeyedHashAsync(HashKey, "net:" + n, cancellationToken) : null);

        // The cap an administrator set (a run-time setting; read before the transaction, through its cache).
        var dailyCap = (await settings.CurrentAsync(cancellationToken)).DailyVerificationSmsCap;
        // Serializable, so every limit holds under concurrency; a transaction that lost a race runs again (PostgreSQL 40001).
        var (decision, alerts, sent, cap) = await connections.InTransactionAsync(IsolationLevel.Serializable, (connection, transaction) =>
            ReserveAsync(connection, transaction, keys, now, dailyCap, cancellationToken), cancellationToken);
        foreach (var alert in alerts)
        {
            logger.LogWarning("Daily verification SMS cap: {Alert} ({Sent} of {Cap} today). An administrator can raise it: PUT umbraco/sms/api/v1/settings/verification-cap", alert, sent, cap);
        }

        return decision;
    }

    private async Task<(ThrottleDecision Decision, List<string> Alerts, long Sent, int Cap)> ReserveAsync(
        DbConnection connection, DbTransaction transaction, Keys keys, DateTimeOffset now, int cap, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var nowMs = now.ToUnixTimeMilliseconds();
        var window = TimeSpan.FromMinutes(o.IpWindowMinutes);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(sent_at_ms) FROM verification_sms_log WHERE phone_hash = @Phone", keys, transaction, cancellationToken: cancellationToken));
        if (last + (o.ResendCooldownSeconds * 1000L) is { } cooldownEnds && cooldownEnds > nowMs)
        {
            return (Refused(ThrottleOutcome.Cooldown, cooldownEnds), [], 0, 0);
        }

        var day = TimeSpan.FromDays(1);
        var blocked = await FreedAtAsync(connection, transaction, Column.Phone, keys.Phone, now, day, o.MaxCodesPerPhonePerDay, cancellationToken) is { } phoneFree
            ? Refused(ThrottleOutcome.PhoneDailyLimit, phoneFree)
            : await FreedAtAsync(connection, transaction, Column.Client, keys.Client, now, window, o.IpPermitLimit, cancellationToken) is { } clientFree
                ? Refused(ThrottleOutcome.ClientLimit, clientFree)
                : keys.Network is { } net && (await FreedAtAsync(connection, transaction, Column.Network, net, now, window, o.NetworkPermitLimit, cancellationToken)
                    ?? await FreedAtAsync(connection, transaction, Column.Network, net, now, day, o.NetworkDailyLimit, cancellationToken)) is { } networkFree
                    ? Refused(ThrottleOutcome.NetworkLimit, networkFree)
                    : null;
        if (blocked is not null)
        {
            return (blocked, [], 0, 0);
        }

        var dayStart = calendar.StartOfToday().ToUnixTimeMilliseconds();
        var today = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM verification_sms_log WHERE sent_at_ms >= @dayStart", new { dayStart }, transaction, cancellationToken: cancellationToken));
        if (today >= cap)
        {
            return (Refused(ThrottleOutcome.GlobalDailyCap, calendar.FromLocal(calendar.ToLocal(now).Date.AddDays(1)).ToUnixTimeMilliseconds()), [], 0, 0);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO verification_sms_log (phone_hash, client_hash, network_hash, sent_at_ms) VALUES (@Phone, @Client, @Network, @at)",
            new { keys.Phone, keys.Client, keys.Network, at = nowMs }, transaction, cancellationToken: cancellationToken));
        // Old entries are useless for every limit above; trimming here keeps the table small.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_sms_log WHERE sent_at_ms < @before",
            new { before = now.AddDays(-2).ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        var alerts = await AlertAsync(connection, transaction, (int)today + 1, cap, cancellationToken);
        return (new(ThrottleOutcome.Allowed), alerts, today + 1, cap);
    }

    /// <summary>
    /// When the key's window lets one more through, or null when it does now: the entry whose
    /// ageing out brings the count under the limit, plus the window.
    /// </summary>
    private static async Task<long?> FreedAtAsync(DbConnection connection, DbTransaction transaction, Column column, string hash, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        // The column name comes from the enum below, never from input.
        var name = column switch { Column.Phone => "phone_hash", Column.Client => "client_hash", _ => "network_hash" };
        var since = (now - window).ToUnixTimeMilliseconds();
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM verification_sms_log WHERE {name} = @hash AND sent_at_ms > @since", new { hash, since }, transaction, cancellationToken: cancellationToken));
        if (count < limit)
        {
            return null;
        }

        var oldest = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT sent_at_ms FROM verification_sms_log WHERE {name} = @hash AND sent_at_ms > @since ORDER BY sent_at_ms LIMIT 1 OFFSET @skip",
            new { hash, since, skip = count - limit }, transaction, cancellationToken: cancellationToken));
        return oldest + (long)window.TotalMilliseconds;
    }

    /// <summary>Each threshold once per town day, in the audit log the administrators read.</summary>
    private async Task<List<string>> AlertAsync(DbConnection connection, DbTransaction transaction, int sentToday, int cap, CancellationToken cancellationToken)
    {
        var percent = options.Value.CapAlertPercent;
        var thresholds = new List<(int Percent, string Action)>();
        if (sentToday * 100L >= (long)cap * percent)
        {
            thresholds.Add((percent, "sms.verification-cap.near"));
        }

        if (sentToday >= cap)
        {
            thresholds.Add((100, "sms.verification-cap.reached"));
        }

        var raised = new List<string>();
        var day = calendar.Today();
        foreach (var (threshold, action) in thresholds)
        {
            var first = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO verification_cap_alerts (day, threshold, at_ms) VALUES (@day, @threshold, @at) ON CONFLICT (day, threshold) DO NOTHING",
                new { day, threshold, at = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            if (first == 1)
            {
                await audit.AppendAsync(connection, transaction, SystemActor, action, day,
                    string.Create(CultureInfo.InvariantCulture, $"Dnes odesláno {sentToday} z {cap} ověřovacích SMS ({threshold} %). Limit lze zvýšit ve správě SMS."), cancellationToken);
                raised.Add(action);
            }
        }

        return raised;
    }

    /// <summary>Refused until <paramref name="freedAtMs"/>, told in the town's time (the page shows it).</summary>
    private ThrottleDecision Refused(ThrottleOutcome outcome, long freedAtMs) =>
        new(outcome, RetryAfterSeconds: (int)Math.Max(1, Math.Ceiling((freedAtMs - time.GetUtcNow().ToUnixTimeMilliseconds()) / 1000.0)),
            RetryAt: calendar.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(freedAtMs)));

    private sealed record Keys(string Phone, string Client, string? Network);

    private enum Column
    {
        Phone,
        Client,
        Network,
    }
}
