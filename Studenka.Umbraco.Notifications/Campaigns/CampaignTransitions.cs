using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// The campaign state changes the delivery worker asks for (Campaigns owns the table): scheduled →
/// sending at the snapshot, sending → sent | failed when nothing is left in flight. Each is one
/// conditional UPDATE, so of two nodes exactly one changes the row, and a cancellation is never overwritten.
/// </summary>
public sealed class CampaignTransitions(IDbConnectionFactory connections)
{
    /// <summary>
    /// A condition for Delivery's outbox statements (Campaigns owns the table, so the SQL that reads
    /// it lives here): the campaign whose id is <paramref name="campaignId"/> is still being sent.
    /// Evaluated in the statement that changes the outbox rows, so a cancel is seen at once.
    /// </summary>
    public static string IsBeingSent(string campaignId) =>
        $"EXISTS (SELECT 1 FROM campaigns c WHERE c.id = {campaignId} AND c.state = '{CampaignStates.Sending}')";

    /// <summary>What a campaign sends. Written when the campaign is created and never changed, so a sender may keep it.</summary>
    public async Task<CampaignMessage> MessageAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var (body, encoding, originator) = await connection.QuerySingleAsync<(string Body, string Encoding, string? Originator)>(new CommandDefinition(
            "SELECT body, encoding, originator FROM campaigns WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return new CampaignMessage(body, ParseEncoding(encoding), originator);
    }

    // The schema allows exactly these two; the campaign chose and counted its segments with them.
    private static SmsEncoding ParseEncoding(string encoding) => encoding switch
    {
        "gsm7" => SmsEncoding.Gsm7,
        "ucs2" => SmsEncoding.Ucs2,
        _ => throw new InvalidOperationException($"Unknown campaign encoding '{encoding}'."),
    };

    /// <summary>Scheduled campaigns whose time has come, oldest due first.</summary>
    public async Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM campaigns WHERE state = 'scheduled' AND due_at_ms <= @Now ORDER BY due_at_ms, id",
            new { Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Campaigns being sent (the worker closes those with nothing left in flight).</summary>
    public async Task<IReadOnlyList<long>> SendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM campaigns WHERE state = 'sending'", cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>scheduled → sending, in the snapshot's transaction; false when another node (or a cancel) won.</summary>
    public static async Task<bool> StartSendingAsync(DbConnection connection, DbTransaction transaction, long id, long nowMs, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET state = 'sending', snapshot_at_ms = @nowMs, updated_at_ms = @nowMs WHERE id = @id AND state = 'scheduled'",
            new { id, nowMs }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Who the campaign is for, read in the snapshot's transaction.</summary>
    public static async Task<CampaignAudience> AudienceAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        var packageId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT package_id FROM campaigns WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var parts = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT city_part_id FROM campaign_city_parts WHERE campaign_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var streets = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT street_id FROM campaign_streets WHERE campaign_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return new CampaignAudience((int)packageId, parts.ToList(), streets.ToList());
    }

    /// <summary>
    /// The snapshot's count. Nobody to tell is not a failure of delivery: the campaign is done at
    /// once ('sent'), and its count of 0 says why.
    /// </summary>
    public static Task RecordRecipientsAsync(DbConnection connection, DbTransaction transaction, long id, int count, long nowMs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET recipient_count = @count,
                state = CASE WHEN @count = 0 THEN 'sent' ELSE state END,
                finished_at_ms = CASE WHEN @count = 0 THEN @nowMs ELSE finished_at_ms END
            WHERE id = @id
            """,
            new { id, count, nowMs }, transaction, cancellationToken: cancellationToken));

    /// <summary>sending → sent, or failed with <paramref name="failureReason"/>; false when it was no longer being sent (cancelled).</summary>
    public async Task<bool> FinishAsync(long id, bool failed, string? failureReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET state = @State, failure_reason = @failureReason, finished_at_ms = @Now, updated_at_ms = @Now WHERE id = @id AND state = 'sending'",
            new { id, State = failed ? CampaignStates.Failed : CampaignStates.Sent, failureReason, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>A resend draft → sending with its frozen count, in the resend's snapshot transaction.</summary>
    public static Task StartResendAsync(DbConnection connection, DbTransaction transaction, long id, long resendOfId, int count, long nowMs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET state = 'sending', resend_of_campaign_id = @resendOfId, recipient_count = @count,
                snapshot_at_ms = @nowMs, updated_at_ms = @nowMs
            WHERE id = @id
            """,
            new { id, resendOfId, count, nowMs }, transaction, cancellationToken: cancellationToken));

    /// <summary>The campaign that already resent <paramref name="campaignId"/>'s failures, if any.</summary>
    public static Task<long?> ResentAsAsync(DbConnection connection, DbTransaction? transaction, long campaignId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM campaigns WHERE resend_of_campaign_id = @campaignId", new { campaignId }, transaction, cancellationToken: cancellationToken));
}

/// <summary>A campaign's text as it goes out; <see cref="Originator"/> null = the configured sender.</summary>
public sealed record CampaignMessage(string Body, SmsEncoding Encoding, string? Originator);
