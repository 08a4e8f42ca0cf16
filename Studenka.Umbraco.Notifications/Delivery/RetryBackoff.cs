namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Exponential backoff with "equal jitter": half the delay is fixed, half random, so a provider
/// outage does not end with every node retrying in the same millisecond.
/// </summary>
public static class RetryBackoff
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    public static TimeSpan Delay(int attempt, DeliveryOptions options, Random random)
    {
        var exponential = options.RetryBaseSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, options.RetryMaxSeconds);
        return TimeSpan.FromSeconds(capped / 2 + (random.NextDouble() * capped / 2));
    }
}
