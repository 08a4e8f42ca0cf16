using System.Collections.Concurrent;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>
/// A gateway whose answer per call the test scripts (queued results first, then <see cref="Default"/>),
/// and which records every request it got, in order, including the ones it refused.
/// </summary>
internal sealed class ScriptedSmsGateway : ISmsGateway
{
    private readonly ConcurrentQueue<Func<SmsBatch, SmsSendResult>> _script = new();

    public bool IsSandbox => true;

    public ConcurrentQueue<(SmsBatch Batch, SmsSendStatus Status)> Calls { get; } = new();

    /// <summary>The answer when nothing is queued: accepted, with a provider id derived from the batch.</summary>
    public Func<SmsBatch, SmsSendResult> Default { get; set; } = Accept;

    /// <summary>Simulated time on the wire, to let concurrent workers overlap.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Runs when a request reaches the gateway, before it is answered: lets a test hold requests on the wire.</summary>
    public Func<SmsBatch, Task>? OnWire { get; set; }

    public static SmsSendResult Accept(SmsBatch batch) => new(SmsSendStatus.Accepted, ProviderMessageId: "mb-" + batch.Reference);

    public void Then(params SmsSendResult[] results)
    {
        foreach (var result in results)
        {
            _script.Enqueue(_ => result);
        }
    }

    public void ThenThrow(Exception exception) => _script.Enqueue(_ => throw exception);

    public async Task<SmsSendResult> SendAsync(SmsBatch batch, CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        if (OnWire is not null)
        {
            await OnWire(batch);
        }

        var answer = _script.TryDequeue(out var scripted) ? scripted : Default;
        SmsSendResult result;
        try
        {
            result = answer(batch);
        }
        catch
        {
            Calls.Enqueue((batch, SmsSendStatus.OutcomeUnknown));
            throw;
        }

        Calls.Enqueue((batch, result.Status));
        return result;
    }

    /// <summary>Every phone the gateway accepted, once per acceptance (duplicates would show twice).</summary>
    public List<string> AcceptedPhones() =>
        Calls.Where(c => c.Status == SmsSendStatus.Accepted).SelectMany(c => c.Batch.Recipients).ToList();

    public List<string> AllPhonesRequested() => Calls.SelectMany(c => c.Batch.Recipients).ToList();
}
