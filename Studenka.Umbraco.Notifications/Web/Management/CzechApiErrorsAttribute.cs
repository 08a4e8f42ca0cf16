using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Every error of the management API is Czech problem JSON: MVC's bodyless or English client
/// errors (415 without a content type, a bare 404) are replaced, and a body that cannot be read
/// (over the size limit, cut off) is its 4xx, not a 500.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class CzechApiErrorsAttribute : Attribute, IAlwaysRunResultFilter, IExceptionFilter, IOrderedFilter
{
    // Before ClientErrorResultFilter (-2000), which would turn these into English problem details.
    public int Order => -2100;

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IStatusCodeActionResult { StatusCode: >= 400 and var status } and not ObjectResult { Value: not null })
        {
            context.Result = ApiProblems.Result(status, context.HttpContext.Request.Method);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    public void OnException(ExceptionContext context)
    {
        if (context.Exception is BadHttpRequestException bad && !context.HttpContext.Response.HasStarted)
        {
            context.Result = ApiProblems.Result(bad.StatusCode);
            context.ExceptionHandled = true;
        }
    }
}
