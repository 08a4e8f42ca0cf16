using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Answers malformed JSON, wrong value types and a missing body with a Czech 400 per field, before
/// [ApiController]'s English one. Applied to the management API only, so an Umbraco host's own
/// API behaviour is left as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class CzechInvalidModelStateAttribute : Attribute, IActionFilter, IOrderedFilter
{
    // ModelStateInvalidFilter runs at -2000; a lower order runs first and short-circuits it.
    public int Order => -2100;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.ModelState.IsValid)
        {
            return;
        }

        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => Field(e.Key), e => new[] { Message(e.Key) });
        context.Result = new ObjectResult(new ValidationProblemDetails(errors)
        {
            Title = "Požadavek nelze přečíst.",
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest };
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    // System.Text.Json names the broken member as a JSON path ("$.packageId", "$.schedule.sendAt").
    private static string Field(string key) => key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key is "" or "$" ? "body" : key;

    private static string Message(string key) => key is "" or "$" or "draft" or "request"
        ? "Tělo požadavku chybí nebo to není platný JSON."
        : "Hodnota má špatný formát (zkontrolujte čísla, čas ve formátu ISO 8601 a uvozovky v JSON).";
}
