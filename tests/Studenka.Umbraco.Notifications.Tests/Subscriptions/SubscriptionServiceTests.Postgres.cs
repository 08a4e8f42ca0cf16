using System.Net;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

/// <summary>Serializable transactions on PostgreSQL fail with 40001 when they overlap; the residents must not see that.</summary>
public sealed partial class SubscriptionServiceTests
{
    [Testing.PostgresFact]
    public async Task On_PostgreSQL_many_residents_signing_up_and_confirming_at_once_all_succeed()
    {
        await using var db = await TestDatabase.CreateAsync(_time, engine: DatabaseProvider.PostgreSql);
        var (service, gateway) = Create(db);
        var input = await InputAsync(db);
        var phones = Enumerable.Range(0, 20).Select(i => $"60312{i:0000}").ToList();

        var signUps = await Task.WhenAll(phones.Select((p, i) => Task.Run(() => service.SignUpAsync(input with { Phone = p }, IPAddress.Parse($"10.{i}.0.1"), CancellationToken.None))));
        var codes = new List<string>();
        foreach (var phone in phones)
        {
            codes.Add(SixDigits().Match(Assert.Single(await gateway.RecentAsync(10, "+420" + phone, CancellationToken.None)).Body).Value);
        }

        var confirmations = await Task.WhenAll(signUps.Zip(codes).Select(s => Task.Run(() => service.ConfirmSignupAsync(s.First.Attempt!, s.Second, CancellationToken.None))));

        Assert.All(signUps, s => Assert.Equal(SignUpOutcome.CodeSent, s.Outcome));
        Assert.All(confirmations, c => Assert.True(c.Succeeded));
        await using var connection = await db.OpenAsync();
        Assert.Equal(20, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscribers WHERE status = 'active'"));
    }
}
