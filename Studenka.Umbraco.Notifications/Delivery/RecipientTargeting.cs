using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// The one definition of "who receives a campaign", used both for the preview count and for the
/// outbox snapshot, so the number an operator confirms is the number that is written.
/// Phones are unique per subscriber, so one row per active subscriber is one row per distinct phone.
/// </summary>
public sealed class RecipientTargeting(IDbConnectionFactory connections)
{
    public async Task<int> CountAsync(CampaignAudience audience, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM ({SubscriberAudience.PhonesSql(connections.Dialect)}) m", Parameters(audience), cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes one pending outbox row per recipient, inside the caller's transaction. Claims take the
    /// oldest next attempt first, so crisis rows are written back-dated to 0: ahead of a long campaign in flight.
    /// </summary>
    public static async Task<int> SnapshotAsync(DbConnection connection, DbTransaction transaction, long campaignId, CampaignAudience audience, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = Parameters(audience);
        parameters.Add("CampaignId", campaignId);
        parameters.Add("Now", now.ToUnixTimeMilliseconds());
        parameters.Add("FirstAttempt", audience.PackageId == TopicPackages.Crisis ? 0 : now.ToUnixTimeMilliseconds());
        var dialect = SqlDialect.For(connection);
        var written = await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, updated_at_ms) SELECT @CampaignId, m.phone, 'pending', @FirstAttempt, @Now FROM ({SubscriberAudience.PhonesSql(dialect)}) m",
            parameters, transaction, cancellationToken: cancellationToken));
        // The claims that follow must be planned for the rows just written, not for the outbox as it was.
        await dialect.RowsAddedAsync(connection, transaction, "outbox", cancellationToken);
        return written;
    }

    private static DynamicParameters Parameters(CampaignAudience audience) =>
        SubscriberAudience.Parameters(audience.PackageId, audience.CityPartIds, audience.StreetIds);
}
