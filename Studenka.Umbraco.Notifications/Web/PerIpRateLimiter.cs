using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// A fixed-window limit per client IP, in process (per node). Kept in the package rather than the
/// host's rate-limiting middleware so it works the same inside any Umbraco pipeline. Behind a proxy
/// the host must apply forwarded headers, or every client shares the proxy's address.
/// </summary>
public sealed class PerIpRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public PerIpRateLimiter(int permitLimit, TimeSpan window)
    {
        Window = window;
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        }));
    }

    public TimeSpan Window { get; }

    public bool TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
