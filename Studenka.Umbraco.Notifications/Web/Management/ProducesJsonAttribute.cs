using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// <c>[Produces("application/json")]</c> that leaves problem details their own media type,
/// <c>application/problem+json</c> (RFC 9457): the plain attribute overwrites it on every result,
/// so a client could not tell an error body from data by its type.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
internal sealed class ProducesJsonAttribute() : ProducesAttribute("application/json")
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails } problem)
        {
            problem.ContentTypes.Clear();
            problem.ContentTypes.Add(ApiProblems.ContentType);
            return;
        }

        base.OnResultExecuting(context);
    }
}
