using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>What administrators see of the site-wide daily cap.</summary>
public sealed record VerificationCapView(int DailyCap, int ConfiguredDefault, int SentToday, DateTimeOffset? ChangedAt, string? ChangedBy);

/// <summary>
/// The site-wide daily cap on verification SMS. <see cref="SubscriptionOptions.DailyVerificationSmsCap"/>
/// is the default; an administrator may set another value at run time, e.g. when a flood of sign-ups
/// used the day's cap up and honest residents are waiting. It is one of the <see cref="RuntimeSettings"/>
/// (stored, audited, in force on every node within their cache time); this class adds what only
/// Subscriptions knows beside it: how many verification SMS went out today.
/// </summary>
public sealed class VerificationCap(IDbConnectionFactory connections, RuntimeSettings settings, TownCalendar calendar)
{
    public const int Max = 1_000_000;

    public async Task<VerificationCapView> ViewAsync(CancellationToken cancellationToken) =>
        View(await settings.CurrentAsync(cancellationToken), await SentTodayAsync(cancellationToken));

    /// <param name="dailyCap">Already validated (1 to <see cref="Max"/>).</param>
    public async Task<VerificationCapView> SetAsync(int dailyCap, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dailyCap, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dailyCap, Max);
        return View(await settings.SetAsync(SettingNames.VerificationCap, dailyCap, actor, cancellationToken), await SentTodayAsync(cancellationToken));
    }

    private VerificationCapView View(EffectiveSettings s, int sentToday) =>
        s.Changes.TryGetValue(SettingNames.VerificationCap, out var change)
            ? new(s.DailyVerificationSmsCap, settings.Defaults.DailyVerificationSmsCap, sentToday, change.ChangedAt, change.ChangedBy)
            : new(s.DailyVerificationSmsCap, settings.Defaults.DailyVerificationSmsCap, sentToday, null, null);

    private async Task<int> SentTodayAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM verification_sms_log WHERE sent_at_ms >= @dayStart",
            new { dayStart = calendar.StartOfToday().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }
}
