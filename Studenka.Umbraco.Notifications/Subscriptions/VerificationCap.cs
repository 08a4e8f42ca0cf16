using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>What administrators see of the site-wide daily cap.</summary>
public sealed record VerificationCapView(int DailyCap, int ConfiguredDefault, int SentToday, DateTimeOffset? ChangedAt, string? ChangedBy);

/// <summary>
/// The site-wide daily cap on verification SMS. <see cref="SubscriptionOptions.DailyVerificationSmsCap"/>
/// is the default; an administrator may set another value at run time (stored in the database,
/// so every node and a restart see it at once, and audited), e.g. when a flood of sign-ups used
/// the day's cap up and honest residents are waiting.
/// </summary>
public sealed class VerificationCap(IDbConnectionFactory connections, AuditLog audit, TownCalendar calendar, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public const string SettingName = "daily_verification_sms_cap";
    public const int Max = 1_000_000;

    public static async Task<int> EffectiveAsync(DbConnection connection, DbTransaction? transaction, int configured, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT value FROM subscription_settings WHERE name = @SettingName", new { SettingName }, transaction, cancellationToken: cancellationToken))
        ?? configured;

    public async Task<VerificationCapView> ViewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ViewAsync(connection, null, cancellationToken);
    }

    public async Task<VerificationCapView> SetAsync(int dailyCap, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dailyCap, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dailyCap, Max);
        // Two administrators at once: the loser runs again (PostgreSQL 40001), so its audit line names the value it really replaced.
        return await connections.InTransactionAsync(IsolationLevel.Serializable, async (connection, transaction) =>
        {
            var before = await EffectiveAsync(connection, transaction, options.Value.DailyVerificationSmsCap, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO subscription_settings (name, value, updated_at_ms, updated_by) VALUES (@SettingName, @dailyCap, @at, @by)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by
                """, new { SettingName, dailyCap, at = time.GetUtcNow().ToUnixTimeMilliseconds(), by = actor.DisplayName }, transaction, cancellationToken: cancellationToken));
            await audit.AppendAsync(connection, transaction, actor, "sms.verification-cap.changed", calendar.Today(),
                string.Create(CultureInfo.InvariantCulture, $"Denní limit ověřovacích SMS: {before} → {dailyCap} (výchozí z konfigurace {options.Value.DailyVerificationSmsCap})."), cancellationToken);
            return await ViewAsync(connection, transaction, cancellationToken);
        }, cancellationToken);
    }

    private async Task<VerificationCapView> ViewAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var setting = await connection.QuerySingleOrDefaultAsync<(long Value, long UpdatedAtMs, string UpdatedBy)?>(new CommandDefinition(
            "SELECT value, updated_at_ms, updated_by FROM subscription_settings WHERE name = @SettingName", new { SettingName }, transaction, cancellationToken: cancellationToken));
        var sent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM verification_sms_log WHERE sent_at_ms >= @dayStart",
            new { dayStart = calendar.StartOfToday().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        var configured = options.Value.DailyVerificationSmsCap;
        return setting is { } s
            ? new((int)s.Value, configured, (int)sent, DateTimeOffset.FromUnixTimeMilliseconds(s.UpdatedAtMs), s.UpdatedBy)
            : new(configured, configured, (int)sent, null, null);
    }
}
