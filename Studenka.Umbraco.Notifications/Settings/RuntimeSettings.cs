using System.Data;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Settings;

/// <summary>
/// Owns <c>runtime_settings</c>: what administrators changed at run time, over the configuration's
/// defaults. Readers get <see cref="CurrentAsync"/>, cached for <see cref="CacheFor"/>: a change
/// made on this node counts at once (the cache is dropped), one made on another node sharing the
/// database within those seconds, and nobody restarts anything. Every change is audited with the
/// old and the new value, in the transaction that stores it.
/// </summary>
public sealed class RuntimeSettings(
    IDbConnectionFactory connections, AuditLog audit, TownCalendar calendar, IOptions<CampaignOptions> campaigns,
    IOptions<SmsOptions> sms, IOptions<PrivacyOptions> privacy, IOptions<SubscriptionOptions> subscriptions, TimeProvider time,
    ILogger<RuntimeSettings> logger)
{
    /// <summary>How stale another node's change may be here.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    // Readable Czech in the stored JSON and the audit log; the values are never written into HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Cached? _cached;

    /// <summary>The configuration alone, what each setting falls back to.</summary>
    public EffectiveSettings Defaults => EffectiveSettings.Defaults(campaigns.Value, sms.Value, privacy.Value, subscriptions.Value);

    public async Task<EffectiveSettings> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _cached) is { } cached && now >= cached.ReadAt && now - cached.ReadAt < CacheFor)
        {
            return cached.Value;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var value = Merge(await ReadRowsAsync(connection, null, cancellationToken));
        Volatile.Write(ref _cached, new(value, now));
        return value;
    }

    /// <summary>The quiet hours in force, for the scheduling rules.</summary>
    public async Task<QuietHours> QuietHoursAsync(CancellationToken cancellationToken) => new((await CurrentAsync(cancellationToken)).QuietHours, calendar);

    /// <summary>Stores <paramref name="value"/> (already validated) as setting <paramref name="name"/>, audited as old → new.</summary>
    public Task<EffectiveSettings> SetAsync<T>(string name, T value, OperatorIdentity actor, CancellationToken cancellationToken) =>
        ChangeAsync(name, JsonSerializer.Serialize(value, Json), actor, cancellationToken);

    /// <summary>Removes the stored value: the configuration's default applies again (audited).</summary>
    public Task<EffectiveSettings> ResetAsync(string name, OperatorIdentity actor, CancellationToken cancellationToken) =>
        ChangeAsync(name, null, actor, cancellationToken);

    private async Task<EffectiveSettings> ChangeAsync(string name, string? json, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!SettingNames.All.Contains(name))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown setting.");
        }

        // Serializable: of two administrators changing a setting at once, the loser runs again (PostgreSQL
        // 40001), so each audit line names the value it really replaced.
        var after = await connections.InTransactionAsync(IsolationLevel.Serializable, async (connection, transaction) =>
        {
            var before = Describe(name, Merge(await ReadRowsAsync(connection, transaction, cancellationToken)));
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (json is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM runtime_settings WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO runtime_settings (name, value, updated_at_ms, updated_by) VALUES (@name, @json, @now, @by)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by
                    """, new { name, json, now, by = actor.DisplayName }, transaction, cancellationToken: cancellationToken));
            }

            var changed = Merge(await ReadRowsAsync(connection, transaction, cancellationToken));
            await audit.AppendAsync(connection, transaction, actor, json is null ? "settings.reset" : "settings.changed", name,
                $"{before} → {Describe(name, changed)}", cancellationToken);
            return changed;
        }, cancellationToken);
        Volatile.Write(ref _cached, null);
        return after;
    }

    private static async Task<List<Row>> ReadRowsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT name AS Name, value AS Value, updated_at_ms AS UpdatedAtMs, updated_by AS UpdatedBy FROM runtime_settings",
            transaction: transaction, cancellationToken: cancellationToken))];

    private EffectiveSettings Merge(IReadOnlyList<Row> rows)
    {
        var d = Defaults;
        T Read<T>(string name, T fallback)
        {
            if (rows.FirstOrDefault(r => r.Name == name) is not { } row)
            {
                return fallback;
            }

            try
            {
                return JsonSerializer.Deserialize<T>(row.Value, Json) ?? fallback;
            }
            catch (JsonException e)
            {
                // Written only by this class after validation; a broken row must not stop sending.
                logger.LogError(e, "The stored setting {Name} cannot be read; the configured default applies.", name);
                return fallback;
            }
        }

        return new(
            Read<List<QuietWindow>>(SettingNames.QuietHours, [.. d.QuietHours]),
            Read(SettingNames.Price, d.PricePerSegmentCzk),
            Read(SettingNames.Originators, d.Originators),
            Read<List<MessageTemplate>>(SettingNames.Templates, [.. d.Templates]),
            Read(SettingNames.Privacy, d.Privacy),
            Read(SettingNames.VerificationCap, d.DailyVerificationSmsCap),
            rows.ToDictionary(r => r.Name, r => new SettingChange(DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtMs), r.UpdatedBy)));
    }

    /// <summary>The value of one setting as the audit log shows it.</summary>
    private static string Describe(string name, EffectiveSettings s) => name switch
    {
        SettingNames.QuietHours => JsonSerializer.Serialize(s.QuietHours, Json),
        SettingNames.Price => JsonSerializer.Serialize(s.PricePerSegmentCzk, Json),
        SettingNames.Originators => JsonSerializer.Serialize(s.Originators, Json),
        SettingNames.Templates => JsonSerializer.Serialize(s.Templates, Json),
        SettingNames.VerificationCap => JsonSerializer.Serialize(s.DailyVerificationSmsCap, Json),
        _ => JsonSerializer.Serialize(s.Privacy, Json),
    };

    private sealed record Cached(EffectiveSettings Value, DateTimeOffset ReadAt);

    private sealed record Row(string Name, string Value, long UpdatedAtMs, string UpdatedBy);
}
