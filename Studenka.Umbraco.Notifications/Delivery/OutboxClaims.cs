using System.Collections.Concurrent;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>Recipients of one message leased together; <see cref="BatchId"/> is the gateway reference.
/// <see cref="CampaignId"/> is null for a service message (one recipient, its own text).
/// <see cref="PreviousAttempts"/> is the most any of them has been tried before.
/// <see cref="Encoding"/> null = whatever the sender finds for the body (service messages).
/// <see cref="Originator"/> is the campaign's own sender, null for the configured default.</summary>
public sealed record ClaimedBatch(
    string BatchId, long? CampaignId, string Body, SmsEncoding? Encoding, int PreviousAttempts, IReadOnlyList<string> Phones, string? Originator,
    string Channel = OutboxChannel.Sms);

/// <summary>
/// The outbox row lifecycle in SQL. Every write is one short conditional statement, so two
/// processes on one SQLite file (or several nodes on PostgreSQL) can never take the same row:
/// the claim re-checks <c>status = 'pending'</c> in the statement that changes it.
/// </summary>
public sealed class OutboxClaims(IDbConnectionFactory connections)
{
    private readonly CampaignTransitions _campaigns = new(connections);

    // One outbox write at a time per process on SQLite (the dialect's gate; none on PostgreSQL).
    // Other processes and nodes are kept apart by the conditional statements, not by this gate.
    private readonly SqlDialect _dialect = connections.Dialect;

    // A campaign's text never changes once written, so each node reads it once per campaign, not once per batch.
    private readonly ConcurrentDictionary<long, CampaignMessage> _messages = new();

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
            WHERE o.status = 'pending' AND o.next_attempt_at_ms <= @Now AND o.channel = 'sms'
              AND {_dialect.NotIndexed("o.campaign_id")} = (
                  SELECT p.campaign_id FROM outbox p
                  WHERE p.status = 'pending' AND p.next_attempt_at_ms <= @Now AND p.channel = 'sms' AND {CampaignTransitions.IsBeingSent("p.campaign_id")}
                  ORDER BY p.next_attempt_at_ms, p.id LIMIT 1 {_dialect.SkipLocked("p")})
            ORDER BY o.next_attempt_at_ms, o.id LIMIT @Limit {_dialect.SkipLocked("o")})
        RETURNING campaign_id, address, attempts
        """;

    // One read before every claim: is the channel's delivery paused (on any node: the pause is a row),
    // and does a service message of the channel wait (ix_outbox_service holds only service rows)? So
    // a pause met by another node stops this one at its next claim, and campaign claims pay no write
    // for the service lane.
    private const string BeforeClaimSql = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM delivery_pause WHERE channel = @Channel AND (retries_at_ms IS NULL OR retries_at_ms > @Now)) THEN 1 ELSE 0 END AS Paused,
               CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE lane = 'service' AND status = 'pending' AND next_attempt_at_ms <= @Now AND channel = @Channel) THEN 1 ELSE 0 END AS ServiceWaiting
        """;

    // Settable properties: SQLite reports no type for computed columns, so Dapper converts per member.
    private sealed class BeforeClaim
    {
        public long Paused { get; init; }

        public long ServiceWaiting { get; init; }
    }

    private string ClaimServiceSql => $"""
        UPDATE outbox SET status = 'claimed', lease_owner = @Owner, lease_until_ms = @LeaseUntil, batch_id = @BatchId, updated_at_ms = @Now
        WHERE {_dialect.NotIndexed("status")} = 'pending' AND id = (
            SELECT s.id FROM outbox s WHERE s.lane = 'service' AND s.status = 'pending' AND s.next_attempt_at_ms <= @Now AND s.channel = @Channel
            ORDER BY s.next_attempt_at_ms, s.id LIMIT 1 {_dialect.SkipLocked("s")})
        RETURNING channel, address, body, attempts
        """;

    // E-mail goes one recipient per message, through ix_outbox_email (e-mail rows only), so this
    // claim never walks the SMS rows waiting in ix_outbox_claim.
    private string ClaimEmailSql => $"""
        UPDATE outbox SET status = 'claimed', lease_owner = @Owner, lease_until_ms = @LeaseUntil, batch_id = @BatchId, updated_at_ms = @Now
        WHERE {_dialect.NotIndexed("status")} = 'pending' AND id = (
            SELECT e.id FROM outbox e
            WHERE e.channel = 'email' AND e.status = 'pending' AND e.next_attempt_at_ms <= @Now AND e.lane = 'campaign'
              AND {CampaignTransitions.IsBeingSent("e.campaign_id")}
            ORDER BY e.next_attempt_at_ms, e.id LIMIT 1 {_dialect.SkipLocked("e")})
        RETURNING campaign_id, address, attempts
        """;

    // Still wanted: a service message always, a campaign row while its campaign is being sent.
    internal static readonly string StillWanted = $"(outbox.campaign_id IS NULL OR {CampaignTransitions.IsBeingSent("outbox.campaign_id")})";

    // Rows handed back without being sent return to the queue, unless their campaign was cancelled meanwhile.
    private static readonly string BackToQueue = $"CASE WHEN {StillWanted} THEN 'pending' ELSE 'cancelled' END";

    // The by-batch statements find their ≤ 50 rows through ix_outbox_batch alone. The status is
    // NotIndexed: planned with statistics taken at the snapshot (no 'claimed' or 'sending' rows yet),
    // PostgreSQL walked ix_outbox_claim for the status instead, over a dead entry for every row that
    // had moved on, so each statement grew with the campaign (median 21 ms, max 417 ms in a two-node run).
    private string ByBatch(string statuses) => $"batch_id = @BatchId AND {_dialect.NotIndexed("status")} {statuses}";

    public async Task<ClaimedBatch?> ClaimAsync(string owner, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var batchId = Guid.NewGuid().ToString("N");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var before = await BeforeClaimAsync(connection, OutboxChannel.Sms, now, cancellationToken);
        if (before.Paused == 1)
        {
            return null;
        }

        if (before.ServiceWaiting == 1 && await ClaimServiceAsync(connection, OutboxChannel.Sms, batchId, owner, now, lease, cancellationToken) is { } service)
        {
            return service;
        }

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
        if (!_messages.TryGetValue(campaignId, out var message))
        {
            message = _messages.GetOrAdd(campaignId, await _campaigns.MessageAsync(campaignId, cancellationToken));
        }

        return new ClaimedBatch(batchId, campaignId, message.Body, message.Encoding, (int)rows.Max(r => r.Attempts), rows.Select(r => r.Phone).ToList(), message.Originator);
    }

    /// <summary>
    /// One e-mail (service lane first, then a campaign's), or null when the e-mail channel is paused
    /// or nothing is due. The same lease, mark-sending and record statements as SMS follow.
    /// </summary>
    public async Task<ClaimedBatch?> ClaimEmailAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var batchId = Guid.NewGuid().ToString("N");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var before = await BeforeClaimAsync(connection, OutboxChannel.Email, now, cancellationToken);
        if (before.Paused == 1)
        {
            return null;
        }

        if (before.ServiceWaiting == 1 && await ClaimServiceAsync(connection, OutboxChannel.Email, batchId, owner, now, lease, cancellationToken) is { } service)
        {
            return service;
        }

        List<(long CampaignId, string Address, long Attempts)> rows;
        using (await _dialect.EnterWriteAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync<(long CampaignId, string Address, long Attempts)>(new CommandDefinition(ClaimEmailSql, new
            {
                Owner = owner,
                LeaseUntil = (now + lease).ToUnixTimeMilliseconds(),
                BatchId = batchId,
                Now = now.ToUnixTimeMilliseconds(),
            }, cancellationToken: cancellationToken))).ToList();
        }

        // The e-mail sender builds the message from the campaign itself (its original text, not the SMS body).
        return rows is [var r] ? new ClaimedBatch(batchId, r.CampaignId, "", null, (int)r.Attempts, [r.Address], null, OutboxChannel.Email) : null;
    }

    private static Task<BeforeClaim> BeforeClaimAsync(System.Data.Common.DbConnection connection, string channel, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<BeforeClaim>(new CommandDefinition(BeforeClaimSql, new { Channel = channel, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));

    /// <summary>The service lane first: a waiting code never queues behind a campaign. Null when another worker took it first.</summary>
    private async Task<ClaimedBatch?> ClaimServiceAsync(System.Data.Common.DbConnection connection, string channel, string batchId, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        List<(string Channel, string Address, string Body, long Attempts)> rows;
        using (await _dialect.EnterWriteAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync<(string Channel, string Address, string Body, long Attempts)>(new CommandDefinition(ClaimServiceSql, new
            {
                Owner = owner,
                LeaseUntil = (now + lease).ToUnixTimeMilliseconds(),
                BatchId = batchId,
                Now = nowMs,
                Channel = channel,
            }, cancellationToken: cancellationToken))).ToList();
        }

        return rows is [var r] ? new ClaimedBatch(batchId, null, r.Body, null, (int)r.Attempts, [r.Address], null, r.Channel) : null;
    }

    /// <summary>
    /// The point of no return: after this the request may be on the wire, so a crash means "unknown",
    /// never "send again". Returns the phones marked (none if the campaign stopped being sent or the lease was lost).
    /// </summary>
    public async Task<IReadOnlyList<string>> MarkSendingAsync(ClaimedBatch batch, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using (await _dialect.EnterWriteAsync(cancellationToken))
        {
            var phones = await connection.QueryAsync<string>(new CommandDefinition($"""
            UPDATE outbox SET status = 'sending', updated_at_ms = @Now
            WHERE {ByBatch("= 'claimed'")} AND lease_owner = @Owner AND {StillWanted}
            RETURNING address
            """, new { batch.BatchId, Owner = owner, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
            return phones.ToList();
        }
    }

    /// <summary>Hands still-claimed rows back (pause, shutdown, cancelled campaign): nothing was sent.</summary>
    public Task ReleaseAsync(ClaimedBatch batch, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = {BackToQueue}, lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE {ByBatch("= 'claimed'")} AND lease_owner = @Owner
            """, new { batch.BatchId, Owner = owner, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task RecordAcceptedAsync(string batchId, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        // 'unknown' too: if a slow request outlived its lease and was marked unknown, the answer that came is the truth.
        ExecuteAsync($"""
            UPDATE outbox SET status = 'accepted', attempts = attempts + 1, provider_message_id = @ProviderMessageId, sent_at_ms = @Now,
                error = NULL, lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE {ByBatch("IN ('sending', 'unknown')")}
            """, new { BatchId = batchId, ProviderMessageId = providerMessageId, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task RecordFinalAsync(string batchId, string status, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = @Status, attempts = attempts + 1, error = @Error,
                lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE {ByBatch("IN ('sending', 'unknown')")}
            """, new { BatchId = batchId, Status = status, Error = error, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>The gateway demonstrably did not take the batch: retry later, or fail after the last attempt.</summary>
    public Task RecordRetryAsync(string batchId, string error, int maxAttempts, DateTimeOffset now, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = CASE WHEN attempts + 1 >= @MaxAttempts THEN 'failed' ELSE {BackToQueue} END,
                attempts = attempts + 1, error = @Error, next_attempt_at_ms = @NextAttempt,
                lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE {ByBatch("= 'sending'")}
            """, new { BatchId = batchId, Error = error, MaxAttempts = maxAttempts, NextAttempt = nextAttempt.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>Nothing left (bad key, empty account): back to the queue without using up an attempt.</summary>
    public Task RecordNotSentAsync(string batchId, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE outbox SET status = {BackToQueue}, error = @Error, lease_owner = NULL, lease_until_ms = NULL, updated_at_ms = @Now
            WHERE {ByBatch("= 'sending'")}
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
