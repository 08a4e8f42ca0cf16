using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Email;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

using Studenka.Umbraco.Notifications.Tests.Delivery;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed partial class SubscriptionServiceTests
{
    private const string Phone = "+420603123456";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private (SubscriptionService Service, SandboxOutbox Gateway) Create(TestDatabase db, IDbConnectionFactory? throttleConnections = null)
    {
        var options = Options.Create(new SubscriptionOptions());
        var gateway = new SandboxOutbox(db, _time);
        var service = new SubscriptionService(
            db.Connections,
            new AreaRepository(db.Connections),
            new SubscriberRepository(db.Connections),
            new VerificationCodes(db.Connections, options, _time),
            new VerificationSmsThrottle(throttleConnections ?? db.Connections, new InstallationSecrets(db.Connections), new TownCalendar(options, _time),
                new AuditLog(db.Connections, _time),
                new RuntimeSettings(db.Connections, new AuditLog(db.Connections, _time), new TownCalendar(options, _time), Options.Create(new CampaignOptions()),
                    Options.Create(new SmsOptions()), Options.Create(new PrivacyOptions()), options, _time, NullLogger<RuntimeSettings>.Instance),
                options, _time, NullLogger<VerificationSmsThrottle>.Instance),
            new PhoneNumberNormalizer(options),
            gateway.Operations,
            new SmsTexts(Options.Create(new SmsOptions()), options, new PublicUrls(Options.Create(new WebOptions()))),
            new TownCalendar(options, _time),
            new EmailVerifications(db.Connections, new EmailLinkBase(Options.Create(new WebOptions()), new ServiceCollection().BuildServiceProvider()), Options.Create(new SmsOptions()), _time),
            options,
            _time);
        return (service, gateway);
    }

    private static async Task<SubscriptionInput> InputAsync(TestDatabase db)
    {
        var catalog = await new AreaRepository(db.Connections).GetCatalogAsync(CancellationToken.None);
        var novaHorka = catalog.Parts.Single(p => !p.HasStreets).Part.Id;
        return new SubscriptionInput("603 123 456", "Jana", null, [new AddressInput(novaHorka, null, "15")], [TopicPackages.Everything], Consent: true);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task A_resident_signs_up_receives_a_code_by_SMS_and_becomes_active_with_it()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var (service, gateway) = Create(db);

        var signUp = await service.SignUpAsync(await InputAsync(db), null, CancellationToken.None);
        var sms = Assert.Single(await gateway.RecentAsync(10, Phone, CancellationToken.None));
        var confirm = await service.ConfirmSignupAsync(signUp.Attempt!, SixDigits().Match(sms.Body).Value, CancellationToken.None);

        Assert.Equal(SignUpOutcome.CodeSent, signUp.Outcome);
        Assert.True(confirm.Succeeded);
        var subscriber = await service.GetAsync(confirm.SubscriberId!.Value, CancellationToken.None);
        Assert.Equal("active", subscriber!.Status);
        Assert.Equal([TopicPackages.Everything], subscriber.Packages);
        Assert.Equal("Nová Horka 15", Assert.Single(subscriber.Addresses).Display);
    }

    [Fact]
    public async Task A_number_activated_while_its_sign_up_is_in_flight_gets_the_already_subscribed_SMS_whose_code_only_opens_management()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var (first, _) = Create(db);
        var firstSignUp = await first.SignUpAsync(await InputAsync(db), null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        // The owner's confirmation lands between the second sign-up's throttle and its transaction.
        var racing = new BeforeFirstOpen(db.Connections, c => c.ExecuteAsync("""
            INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms) VALUES (@Phone, 'active', '2026-11', 0, 0, 0)
            """, new { Phone }));
        var (service, gateway) = Create(db, racing);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var result = await service.SignUpAsync(await InputAsync(db), null, timeout.Token);

        Assert.Equal(SignUpOutcome.AlreadyActive, result.Outcome);
        var sms = await gateway.RecentAsync(10, Phone, CancellationToken.None);
        Assert.Equal(2, sms.Count);
        var notice = Assert.Single(sms, m => m.Body.Contains("uz odebirate", StringComparison.Ordinal));
        var confirmed = await service.ConfirmSignupAsync(result.Attempt!, SixDigits().Match(notice.Body).Value, CancellationToken.None);
        Assert.True(confirmed.Succeeded && confirmed.AlreadyActive, "the notice's code opens management of the active subscription");
        await using var connection = await db.OpenAsync();
        // The second attempt holds no sign-up data: nothing for its page to confirm.
        Assert.Equal([firstSignUp.Attempt!.Key], await connection.QueryAsync<string>("SELECT attempt FROM verification_codes WHERE signup IS NOT NULL"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscribers"));
    }

    [Fact]
    public async Task Each_sign_up_attempt_confirms_only_its_own_data()
    {
        await using var db = await TestDatabase.CreateAsync(_time);
        var (service, gateway) = Create(db);
        var input = await InputAsync(db);
        var owner = await service.SignUpAsync(input, null, CancellationToken.None);
        var ownerCode = SixDigits().Match(Assert.Single(await gateway.RecentAsync(10, Phone, CancellationToken.None)).Body).Value;
        _time.Advance(TimeSpan.FromMinutes(2));
        var stranger = await service.SignUpAsync(input with { Name = "Cizí", Packages = [2] }, null, CancellationToken.None);

        var wrongAttempt = await service.ConfirmSignupAsync(stranger.Attempt!, ownerCode, CancellationToken.None);
        var confirmed = await service.ConfirmSignupAsync(owner.Attempt!, ownerCode, CancellationToken.None);

        Assert.False(wrongAttempt.Succeeded);
        Assert.True(confirmed.Succeeded);
        var subscriber = await service.GetAsync(confirmed.SubscriberId!.Value, CancellationToken.None);
        Assert.Equal("Jana", subscriber!.Name);
        Assert.Equal([TopicPackages.Everything], subscriber.Packages);
        await using var connection = await db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM verification_codes WHERE purpose = 'signup'"));
    }

    /// <summary>Runs <paramref name="action"/> once, on a separate connection, before the first connection is handed out.</summary>
    private sealed class BeforeFirstOpen(IDbConnectionFactory inner, Func<DbConnection, Task> action) : IDbConnectionFactory
    {
        private Func<DbConnection, Task>? _pending = action;

        public SqlDialect Dialect => inner.Dialect;

        public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } run)
            {
                await using var side = await inner.OpenAsync(cancellationToken);
                await run(side);
            }

            return await inner.OpenAsync(cancellationToken);
        }
    }
}
