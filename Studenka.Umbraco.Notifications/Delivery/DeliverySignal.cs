namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Wakes the delivery worker at once when a campaign becomes due "now" (a crisis must not wait
/// for the next poll). Losing a signal is harmless: the worker also polls.
/// </summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    // The e-mail pipeline waits on its own, so neither worker takes the other's wake-up.
    private readonly SemaphoreSlim _email = new(0, 1);

    public void Wake()
    {
        Release(_signal);
        Release(_email);
    }

    private static void Release(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
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

    /// <summary>The e-mail worker's wait: a wake-up or the timeout.</summary>
    public Task<bool> WaitEmailAsync(TimeSpan timeout, CancellationToken cancellationToken) => _email.WaitAsync(timeout, cancellationToken);
}
