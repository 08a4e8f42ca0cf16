using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>Recipients of one campaign leased together; <see cref="BatchId"/> is the gateway reference.
/// <see cref="PreviousAttempts"/> is the most any of them has been tried before.
/// <see cref="Originator"/> is the campaign's own sender, null for the configured default.</summary>
public sealed record ClaimedBatch(
    string BatchId, long CampaignId, string Body, SmsEncoding Encoding, int PreviousAttempts, IReadOnlyList<string> Phones, string? Originator);

/// <summary>
/// The outbox row lifecycle in SQL. Every write is one short conditional statement, so two
/// processes on one SQLite file (or several nodes on PostgreSQL) can never take the same row:
/// the claim re-checks <c>status = 'pending'</c> in the statement that changes it.
/// </summary>
public sealed class OutboxClaims(IDbConnectionFactory connections)
{
    // One outbox write at a time per process on SQLite (the dialect's gate; none on PostgreSQL).
    // Other processes and nodes are kept apart by the conditional statements, not by this gate.
    private readonly SqlDialect _dialect = connections.Dialect;

    // Oldest due row first (crisis rows are back-dated at snapshot, so they go first); one campaign
    // per batch. On SQLite the NotIndexed campaign_id keeps the planner on the (status,
    // next_attempt_at_ms) index, which is already in claim order, instead of sorting a whole campaign
    // per claim, and the NotIndexed outer status makes it look the ids up by key instead of scanning
    // every pending row. The outer re-check of the status is what makes a concurrent claim skip a
    // row taken meanwhile; on PostgreSQL SKIP LOCKED passes over rows another node is claiming, so
    // the loser of a race takes the next rows instead of none.
    private string ClaimSql => $"""
        UPDATE outbox SET status = 'claimed', lease_owner = @Owner, lease_until_ms = @LeaseUntil, batch_id = @BatchId, updated_at_ms = @Now
        WHERE {_dialect.NotIndexed("status")} = 'pending' AND id IN (
            SELECT o.id FROM outbox o
            WHERE o.status = 'pending' AND o.next_attempt_at_ms <= @Now
              AND {_dialect.NotIndexed("o.campaign_id")} = (
                  SELECT p.campaign_id FROM outbox p JOIN campaigns c ON c.id = p.campaign_id
                  WHERE p.status = 'pending' AND p.next_attempt_at_ms <= @Now AND c.state = 'sending'
                  ORDER BY p.next_attempt_at_ms, p.id LIMIT 1 {_dialect.SkipLocked("p")})
            ORDER BY o.next_attempt_at_ms, o.id LIMIT @Limit {_dialect.SkipLocked("o")})
        RETURNING campaign_id, phone, attempts
        """;

    // Rows handed back without being sent return to the queue, unless their campaign was cancelled meanwhile.
    private const string BackToQueue = "CASE WHEN EXISTS (SELECT 1 FROM campaigns c WHERE c.id = outbox.campaign_id AND c.state = 'sending') THEN 'pending' ELSE 'cancelled' END";

    public async Task<ClaimedBatch?> ClaimAsync(string owner, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var batchId = Guid.NewGuid().ToString("N");
        await using var connection = await connections.OpenAsync(cancellationToken);
        List<(long CampaignId, string Phone, long Attempts)> rows;
        using (await _dialect.EnterWriteAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync<(long CampaignId, string Phone, long Attempts)>(new CommandDefinition(ClaimSql, new
            {
                Owner = owner,
                LeaseUntil = (now + lease).ToUnixTimeMilliseconds(),
                BatchId = batchId,
                Now = now.ToUnixTimeMilliseconds(),
                Limit = limit,
            }, cancellationToken: cancellationToken))).ToList();
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var campaignId = rows[0].CampaignId;
        var (body, encoding, originator) = await connection.QuerySingleAsync<(string Body, string Encoding, string? Originator)>(new CommandDefinition(
            "SELECT body, encoding, originator FROM campaigns WHERE id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        return new ClaimedBatch(batchId, campaignId, body, ParseEncoding(encoding), (int)rows.Max(r => r.Attempts), rows.Select(r => r.Phone).ToList(), originator);
    }

    // The schema allows exactly these two; the campaign chose and counted its segments with them.
    private static SmsEncoding ParseEncoding(string encoding) => encoding switch
    {
        "gsm7" => SmsEncoding.Gsm7,
        "ucs2" => SmsEncoding.Ucs2,
        _ => throw new InvalidOperationException($"Unknown campaign encoding '{encoding}'."),
    };

    /// <summary>
    /// The point of no return: after this the request may be on the wire, so a crash means "unknown",
    /// never "send again". Returns the phones marked (none if the campaign stopped being sent or the lease was lost).
    /// </summary>
    public async Task<IReadOnlyList<string>> MarkSendingAsync(ClaimedBatch batch, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using (await _dialect.EnterWriteAsync(cancellationToken))
        {
            var phones = await connection.QueryAsync<string>(new CommandDefinition("""
            UPDATE outbox SET status = 'sending', updated_at_ms = @Now
            WHERE batch_id = @BatchId AND status = 'claimed' AND lease_owner = @Owner
              AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = outbox.campaign_id AND c.state = 'sending')
            RETURNING phone
            """, new { batch.BatchId, Owner = owner, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
            return phones.ToList();
        }
    }

    /// <summary>Hands still-claimed rows back (pause, shutdown, cancelled campaign): nothing was sent.</summary>
    public Task ReleaseAsync(ClaimedBatch batch, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = {BackToQueue}, lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE batch_id = @BatchId AND status = 'claimed' AND lease_owner = @Owner
            """, new { batch.BatchId, Owner = owner, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task RecordAcceptedAsync(string batchId, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        // 'unknown' too: if a slow request outlived its lease and was marked unknown, the answer that came is the truth.
        ExecuteAsync("""
            UPDATE outbox SET status = 'accepted', attempts = attempts + 1, provider_message_id = @ProviderMessageId, sent_at_ms = @Now,
                error = NULL, lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE batch_id = @BatchId AND status IN ('sending', 'unknown')
            """, new { BatchId = batchId, ProviderMessageId = providerMessageId, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task RecordFinalAsync(string batchId, string status, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE outbox SET status = @Status, attempts = attempts + 1, error = @Error,
                lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE batch_id = @BatchId AND status IN ('sending', 'unknown')
            """, new { BatchId = batchId, Status = status, Error = error, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>The gateway demonstrably did not take the batch: retry later, or fail after the last attempt.</summary>
    public Task RecordRetryAsync(string batchId, string error, int maxAttempts, DateTimeOffset now, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = CASE WHEN attempts + 1 >= @MaxAttempts THEN 'failed' ELSE {BackToQueue} END,
                attempts = attempts + 1, error = @Error, next_attempt_at_ms = @NextAttempt,
                lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE batch_id = @BatchId AND status = 'sending'
            """, new { BatchId = batchId, Error = error, MaxAttempts = maxAttempts, NextAttempt = nextAttempt.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>Nothing left (bad key, empty account): back to the queue without using up an attempt.</summary>
    public Task RecordNotSentAsync(string batchId, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = {BackToQueue}, error = @Error, lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE batch_id = @BatchId AND status = 'sending'
            """, new { BatchId = batchId, Error = error, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using (await _dialect.EnterWriteAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        }
    }
}
