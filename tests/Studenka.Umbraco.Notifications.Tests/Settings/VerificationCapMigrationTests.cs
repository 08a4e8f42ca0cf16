using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Settings;

/// <summary>Migration 0056: a town that raised its daily verification cap before keeps it, now as a run-time setting.</summary>
public sealed class VerificationCapMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();


    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_cap_an_administrator_set_before_is_still_in_force_and_shows_who_set_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var connections = new SqliteConnectionFactory(Options.Create(new PersistenceOptions { ConnectionString = $"Data Source={_folder.File("v55.db")}" }));
        await using (var db = await connections.OpenAsync(CancellationToken.None))
        {
            await db.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
            foreach (var migration in Migrations.All.Where(m => m.Version <= 55))
            {
                await db.ExecuteAsync(migration.Sql);
                await db.ExecuteAsync("INSERT INTO schema_migrations VALUES (@Version, @Name, 0)", migration);
            }

            await db.ExecuteAsync("""
                INSERT INTO subscription_settings (name, value, updated_at_ms, updated_by)
                VALUES ('daily_verification_sms_cap', 800, 1764500000000, 'Jana Nováková')
                """);
        }

        var applied = await new DatabaseMigrator(connections, time, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Contains(56, applied);
        var subscriptions = new SubscriptionOptions { DailyVerificationSmsCap = 500 };
        var calendar = new TownCalendar(Options.Create(subscriptions), time);
        var settings = new RuntimeSettings(connections, new AuditLog(connections, time), calendar, Options.Create(new CampaignOptions()),
            Options.Create(new SmsOptions()), Options.Create(new PrivacyOptions()), Options.Create(subscriptions), time, NullLogger<RuntimeSettings>.Instance);
        var view = await new VerificationCap(connections, settings, calendar).ViewAsync(CancellationToken.None);
        Assert.Equal(new VerificationCapView(800, 500, 0, DateTimeOffset.FromUnixTimeMilliseconds(1764500000000), "Jana Nováková"), view);
        await using var after = await connections.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'subscription_settings'"));
    }
}
