namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Wakes the delivery worker at once when a campaign becomes due "now" (a crisis must not wait
/// for the next poll). Losing a signal is harmless: the worker also polls.
/// </summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every campaign that is due.
        }
    }

    /// <summary>Takes a pending wake-up without waiting (the dispatcher checks between batches).</summary>
    public bool TryConsume() => _signal.Wait(0);

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
