using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

/// <summary>
/// Per-IP limit on login attempts (page and API share it), in process like the residents' limit.
/// Behind a proxy the host must apply forwarded headers, or every operator shares the proxy's address.
/// </summary>
internal sealed class LoginAttemptLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginAttemptLimiter(IOptions<OperatorOptions> options)
    {
        var o = options.Value;
        Window = TimeSpan.FromMinutes(o.LoginWindowMinutes);
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.LoginAttemptsPerIp,
            Window = Window,
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

/// <summary>Marks a login action: over the limit it answers 429 before any password is checked.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LoginAttemptLimitAttribute : TypeFilterAttribute
{
    public const string Message = "Z vašeho připojení přišlo příliš mnoho pokusů o přihlášení. Zkuste to prosím za několik minut.";

    public LoginAttemptLimitAttribute() : base(typeof(LoginAttemptLimitFilter))
    {
    }

    private sealed class LoginAttemptLimitFilter(LoginAttemptLimiter limiter) : IAsyncActionFilter
    {
        public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (limiter.TryAcquire(context.HttpContext))
            {
                await next();
                return;
            }

            context.HttpContext.Response.Headers.RetryAfter = ((int)limiter.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Result = context.Controller is OperatorLoginController page
                ? page.TooManyAttempts()
                : new ObjectResult(new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Příliš mnoho pokusů", Detail = Message })
                {
                    StatusCode = StatusCodes.Status429TooManyRequests,
                };
        }
    }
}
