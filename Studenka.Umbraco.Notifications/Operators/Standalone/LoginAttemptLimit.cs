using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Operators.Standalone;

/// <summary>Per-IP limit on login attempts; the login page and the JSON login share it.</summary>
internal sealed class LoginAttemptLimiter(IOptions<OperatorOptions> options) : IDisposable
{
    private readonly PerIpRateLimiter _limiter = new(options.Value.LoginAttemptsPerIp, TimeSpan.FromMinutes(options.Value.LoginWindowMinutes));

    public TimeSpan Window => _limiter.Window;

    public bool TryAcquire(HttpContext context) => _limiter.TryAcquire(context);

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
