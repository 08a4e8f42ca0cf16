using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>How many outbox rows a campaign would write, per channel (e-mail costs nothing per message, SMS does).</summary>
public sealed record RecipientCounts(int Sms, int Email);

/// <summary>
/// The one definition of "who receives a campaign", used both for the preview count and for the
/// outbox snapshot, so the number an operator confirms is the number that is written.
/// One row per recipient and channel: a resident who chose both gets an SMS row and an e-mail row.
/// </summary>
public sealed class RecipientTargeting(IDbConnectionFactory connections)
{
    public async Task<RecipientCounts> CountAsync(CampaignAudience audience, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Channel, long Count)>(new CommandDefinition(
            $"SELECT m.channel, COUNT(*) FROM ({SubscriberAudience.RecipientsSql(connections.Dialect)}) m GROUP BY m.channel",
            Parameters(audience), cancellationToken: cancellationToken))).ToDictionary(r => r.Channel, r => (int)r.Count);
        return new(rows.GetValueOrDefault(OutboxChannel.Sms), rows.GetValueOrDefault(OutboxChannel.Email));
    }

    /// <summary>
    /// Writes one pending outbox row per recipient and channel, inside the caller's transaction. Claims take the
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
            $"INSERT INTO outbox (campaign_id, channel, address, status, next_attempt_at_ms, updated_at_ms) SELECT @CampaignId, m.channel, m.address, 'pending', @FirstAttempt, @Now FROM ({SubscriberAudience.RecipientsSql(dialect)}) m",
            parameters, transaction, cancellationToken: cancellationToken));
        // The claims that follow must be planned for the rows just written, not for the outbox as it was.
        await dialect.RowsAddedAsync(connection, transaction, "outbox", cancellationToken);
        return written;
    }

    private static DynamicParameters Parameters(CampaignAudience audience) =>
        SubscriberAudience.Parameters(audience.PackageId, audience.CityPartIds, audience.StreetIds);
}
