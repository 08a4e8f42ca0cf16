using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Email;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Sends the outbox: <see cref="DeliveryOptions.Concurrency"/> workers, each claiming one batch at a
/// time (a service message first, else recipients of one campaign), under two token buckets
/// (requests/s and SMS/s) shared by the node. Each batch goes to the sender of its channel.
/// E-mail is a pipeline of its own (<see cref="DispatchEmailAsync"/>): one recipient per message,
/// its own rate limit and pause, so a slow or refusing SMTP server never holds up an SMS.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly OutboxClaims _claims;
    private readonly IReadOnlyDictionary<string, IMessageSender> _senders;
    private readonly DeliveryNode _node;
    private readonly DeliveryStatus _status;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly TokenBucketRateLimiter _requests;
    private readonly TokenBucketRateLimiter _sms;
    private readonly TokenBucketRateLimiter _emails;
    private readonly Pipeline _smsPipeline;
    private readonly Pipeline _emailPipeline;

    /// <summary>How one channel's workers claim and wait for their rate limits.</summary>
    private sealed record Pipeline(string Channel, Func<CancellationToken, Task<ClaimedBatch?>> Claim, Func<ClaimedBatch, CancellationToken, Task<IDisposable>> Acquire);

    public OutboxDispatcher(OutboxClaims claims, IEnumerable<IMessageSender> senders, DeliveryNode node, DeliveryStatus status,
        IOptions<DeliveryOptions> options, IOptions<EmailOptions> emailOptions, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        _claims = claims;
        _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
        _node = node;
        _status = status;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _requests = Bucket(_options.RequestsPerSecond);
        _sms = Bucket(_options.SmsPerSecond);
        _emails = Bucket(emailOptions.Value.PerSecond);
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        _smsPipeline = new Pipeline(OutboxChannel.Sms,
            ct => _claims.ClaimAsync(_node.LeaseOwner, BatchSize, _time.GetUtcNow(), lease, ct),
            async (batch, ct) =>
            {
                using var request = await AcquireAsync(_requests, 1, ct);
                return await AcquireAsync(_sms, batch.Phones.Count, ct);
            });
        _emailPipeline = new Pipeline(OutboxChannel.Email,
            ct => _claims.ClaimEmailAsync(_node.LeaseOwner, _time.GetUtcNow(), lease, ct),
            async (_, ct) => await AcquireAsync(_emails, 1, ct));
    }

    /// <summary>A batch can never need more SMS permits than the bucket holds.</summary>
    private int BatchSize => Math.Min(_options.BatchSize, _options.SmsPerSecond);

    /// <summary>
    /// Sends until nothing is claimable now (or the node pauses). <paramref name="betweenBatches"/>
    /// runs before each claim, so a crisis that becomes due mid-way joins without waiting for the end.
    /// Returns the number of gateway requests made.
    /// </summary>
    public async Task<int> DispatchAsync(Func<CancellationToken, Task>? betweenBatches, CancellationToken cancellationToken)
    {
        var requests = 0;
        var workers = Enumerable.Range(0, _options.Concurrency).Select(async _ =>
            Interlocked.Add(ref requests, await WorkAsync(_smsPipeline, betweenBatches, cancellationToken)));
        await Task.WhenAll(workers);
        return requests;
    }

    /// <summary>
    /// Sends e-mail until none is claimable now (or e-mail pauses): one pipeline, one recipient per
    /// message, under <see cref="EmailOptions.PerSecond"/>. Returns the number of messages handed to the sender.
    /// </summary>
    public Task<int> DispatchEmailAsync(CancellationToken cancellationToken) => WorkAsync(_emailPipeline, null, cancellationToken);

    /// <summary>
    /// One of <see cref="DeliveryOptions.Concurrency"/> pipelines: while a request is on the wire the
    /// next batch is claimed and rate-limited and the previous outcome is recorded, so that work
    /// never sits between two requests (measured: it cost a third of the throughput). Only the
    /// mark-sending UPDATE stays between them, on purpose: it is the re-check that a campaign
    /// cancelled while the batch waited is not sent (after a cancel only requests already on the
    /// wire go out), and a batch waiting its turn is not 'unknown' after a kill -9.
    /// </summary>
    private async Task<int> WorkAsync(Pipeline pipeline, Func<CancellationToken, Task>? betweenBatches, CancellationToken cancellationToken)
    {
        var requests = 0;
        Task<(ClaimedBatch Batch, SmsSendResult Result)>? flight = null;
        while (true)
        {
            var next = await PrepareAsync(pipeline, betweenBatches, cancellationToken);
            if (flight is not null)
            {
                var done = await flight;
                flight = next is null ? null : await LaunchAsync(next, cancellationToken);
                // The outcome is written even during shutdown: it is the only record of what left.
                await RecordAsync(done.Batch, done.Result, CancellationToken.None);
                requests++;
            }
            else if (next is not null)
            {
                flight = await LaunchAsync(next, cancellationToken);
            }
            else
            {
                return requests;
            }
        }
    }

    /// <summary>Claims a batch and waits for the rate limits; null when there is nothing to send now.</summary>
    private async Task<ClaimedBatch?> PrepareAsync(Pipeline pipeline, Func<CancellationToken, Task>? betweenBatches, CancellationToken cancellationToken)
    {
        // The pause met by another node is checked by the claim itself (it claims nothing then).
        if (cancellationToken.IsCancellationRequested || _status.IsPausedFor(pipeline.Channel))
        {
            return null;
        }

        if (betweenBatches is not null)
        {
            await betweenBatches(cancellationToken);
        }

        var batch = await pipeline.Claim(cancellationToken);
        if (batch is null)
        {
            return null;
        }

        try
        {
            using var permits = await pipeline.Acquire(batch, cancellationToken);
            return batch;
        }
        catch (OperationCanceledException)
        {
            // Shutting down before anything left: hand the rows back for the next start or node.
            await _claims.ReleaseAsync(batch, _node.LeaseOwner, _time.GetUtcNow(), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Marks the batch 'sending' and puts it on the wire, right after the request before it came
    /// back. The mark only takes rows still claimed by this worker of a campaign still being sent,
    /// so a batch cancelled (or a node paused or stopping) while it waited goes back instead; null then.
    /// </summary>
    private async Task<Task<(ClaimedBatch Batch, SmsSendResult Result)>?> LaunchAsync(ClaimedBatch batch, CancellationToken cancellationToken)
    {
        var phones = cancellationToken.IsCancellationRequested || _status.IsPausedFor(batch.Channel)
            ? []
            : await _claims.MarkSendingAsync(batch, _node.LeaseOwner, _time.GetUtcNow(), CancellationToken.None);
        if (phones.Count > 0)
        {
            return SendAsync(batch with { Phones = phones });
        }

        await _claims.ReleaseAsync(batch, _node.LeaseOwner, _time.GetUtcNow(), CancellationToken.None);
        return null;
    }

    private async Task<(ClaimedBatch Batch, SmsSendResult Result)> SendAsync(ClaimedBatch batch)
    {
        _node.RequestStarted();
        try
        {
            return (batch, await CallSenderAsync(batch));
        }
        finally
        {
            _node.RequestEnded();
        }
    }

    private async Task<SmsSendResult> CallSenderAsync(ClaimedBatch batch)
    {
        // Once marked 'sending' the request goes out even if the host is stopping: cancelling it
        // mid-flight would turn a deploy into 'unknown' rows that are never resent. The gateway's
        // own per-attempt timeout bounds the wait; a hard kill still ends as 'unknown' via lease recovery.
        var outgoing = new OutgoingBatch(batch.BatchId, batch.Body, batch.Phones, batch.Encoding, batch.Originator, batch.CampaignId);
        try
        {
            return _senders.TryGetValue(batch.Channel, out var sender)
                ? await sender.SendAsync(outgoing, CancellationToken.None)
                : new SmsSendResult(SmsSendStatus.RejectedPermanently, Error: $"no sender for channel '{batch.Channel}'");
        }
        catch (Exception exception)
        {
            // A throw after the request may have left proves nothing either way: unknown, never resent.
            _logger.LogError(exception, "Sender threw for batch {BatchId} of {Count} recipients; marking them unknown", outgoing.Reference, outgoing.Addresses.Count);
            return new SmsSendResult(SmsSendStatus.OutcomeUnknown, Error: "gateway error: " + exception.Message);
        }
    }

    private async Task RecordAsync(ClaimedBatch batch, SmsSendResult result, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var error = result.Error ?? result.Status.ToString();
        switch (result.Status)
        {
            case SmsSendStatus.Accepted:
                await _claims.RecordAcceptedAsync(batch.BatchId, result.ProviderMessageId, now, cancellationToken);
                break;
            case SmsSendStatus.RejectedPermanently:
                _logger.LogWarning("Batch {BatchId} ({Lane}) rejected permanently: {Error}", batch.BatchId, Lane(batch), error);
                await _claims.RecordFinalAsync(batch.BatchId, OutboxStatus.Failed, error, now, cancellationToken);
                break;
            case SmsSendStatus.OutcomeUnknown:
                _logger.LogWarning("Batch {BatchId} ({Lane}): outcome unknown ({Error}); it is not resent", batch.BatchId, Lane(batch), error);
                await _claims.RecordFinalAsync(batch.BatchId, OutboxStatus.Unknown, error, now, cancellationToken);
                break;
            case SmsSendStatus.TransientFailure:
                await RecordRetryAsync(batch, error, now, cancellationToken);
                break;
            case SmsSendStatus.ConfigurationError or SmsSendStatus.InsufficientBalance:
                await _claims.RecordNotSentAsync(batch.BatchId, error, now, cancellationToken);
                await _status.PauseAsync(batch.Channel, result.Status == SmsSendStatus.ConfigurationError ? DeliveryPauseKind.ConfigurationError : DeliveryPauseKind.InsufficientBalance, error, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unhandled gateway status {result.Status}.");
        }
    }

    private async Task RecordRetryAsync(ClaimedBatch batch, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delay = RetryBackoff.Delay(batch.PreviousAttempts + 1, _options, Random.Shared);
        _logger.LogWarning("Batch {BatchId} ({Lane}) refused for now ({Error}); retrying", batch.BatchId, Lane(batch), error);
        await _claims.RecordRetryAsync(batch.BatchId, error, _options.MaxAttempts, now, now + delay, cancellationToken);
    }

    private static string Lane(ClaimedBatch batch) => batch.CampaignId is { } id ? $"campaign {id}" : OutboxLane.Service;

    private static async Task<RateLimitLease> AcquireAsync(RateLimiter limiter, int permits, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(permits, cancellationToken);
        return lease.IsAcquired ? lease : throw new InvalidOperationException("Rate limiter queue overflow; raise its queue limit.");
    }

    private static TokenBucketRateLimiter Bucket(int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        AutoReplenishment = true,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose()
    {
        _requests.Dispose();
        _sms.Dispose();
        _emails.Dispose();
    }
}
