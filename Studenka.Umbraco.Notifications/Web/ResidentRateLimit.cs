using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>Per-IP limit on the posts that cost an SMS (<c>Studenka:Subscriptions:IpPermitLimit</c> per <c>IpWindowMinutes</c>).</summary>
public sealed class ResidentRateLimiter(IOptions<SubscriptionOptions> options) : IDisposable
{
    private readonly PerIpRateLimiter _limiter = new(options.Value.IpPermitLimit, TimeSpan.FromMinutes(options.Value.IpWindowMinutes));

    public bool TryAcquire(HttpContext context) => _limiter.TryAcquire(context);

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
