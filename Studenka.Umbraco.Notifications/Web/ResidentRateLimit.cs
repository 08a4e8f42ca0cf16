using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Per-IP limit on the posts that cost an SMS. Kept in the package (not the host's rate-limiting
/// middleware) so it works the same inside any Umbraco pipeline. Behind a proxy the host must
/// apply forwarded headers, or every resident shares the proxy's address.
/// </summary>
public sealed class ResidentRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ResidentRateLimiter(IOptions<SubscriptionOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.IpPermitLimit,
            Window = TimeSpan.FromMinutes(o.IpWindowMinutes),
            QueueLimit = 0,
        }));
    }

    public bool TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Marks an action whose post may send an SMS.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CostsSmsAttribute : TypeFilterAttribute
{
    public CostsSmsAttribute() : base(typeof(ResidentRateLimitFilter))
    {
    }

    private sealed class ResidentRateLimitFilter(ResidentRateLimiter limiter) : IAsyncActionFilter
    {
        public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (limiter.TryAcquire(context.HttpContext))
            {
                await next();
                return;
            }

            context.HttpContext.Response.Headers.RetryAfter = "60";
            context.Result = new ViewResult
            {
                ViewName = "~/Views/StudenkaSms/Message.cshtml",
                StatusCode = StatusCodes.Status429TooManyRequests,
                ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
                {
                    Model = new MessagePageModel("Příliš mnoho požadavků", "Z vašeho připojení přišlo v krátké době příliš mnoho žádostí o SMS. Zkuste to prosím za několik minut."),
                },
            };
        }
    }
}
