using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Answers malformed JSON, wrong value types and a missing body with a Czech 400 per field, before
/// [ApiController]'s English one. Applied to the management API only, so an Umbraco host's own
/// API behaviour is left as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class CzechInvalidModelStateAttribute : Attribute, IActionFilter, IOrderedFilter
{
    private const string Body = "body";
    private const string BodyMessage = "Tělo požadavku chybí nebo to není platný JSON objekt.";
    private const string FieldMessage = "Hodnota má špatný typ nebo formát (čísla bez uvozovek, seznam čísel v [ ], čas ve formátu ISO 8601, např. 2026-12-01T09:00:00+01:00).";
    private const string QueryMessage = "Hodnota má špatný formát.";
    private const string UnknownMessage = "Toto pole API nezná (překlep, nebo patří jinam, např. čas odeslání do schedule.sendAt); požadavek nebyl proveden.";

    // ModelStateInvalidFilter runs at -2000; a lower order runs first and short-circuits it.
    public int Order => -2100;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.ModelState.IsValid)
        {
            return;
        }

        var bodyParameters = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            if (key is "" or "$" || bodyParameters.Contains(key))
            {
                errors[Body] = [BodyMessage];
            }
            else
            {
                // System.Text.Json names the broken member as a JSON path ("$.packageId", "$.schedule.sendAt").
                var isJson = key.StartsWith("$.", StringComparison.Ordinal);
                errors[isJson ? key[2..] : key] = [!isJson ? QueryMessage : IsUnknownMember(entry) ? UnknownMessage : FieldMessage];
            }
        }

        // "The body is invalid" adds nothing when the broken field is named.
        if (errors.Count > 1)
        {
            errors.Remove(Body);
        }

        context.Result = new ObjectResult(new ValidationProblemDetails(errors)
        {
            Title = "Požadavek nelze přečíst.",
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>
    /// The request records refuse members they do not have (<c>JsonUnmappedMemberHandling.Disallow</c>):
    /// a misplaced <c>sendAt</c> must not quietly make a draft instead of a scheduled crisis message.
    /// System.Text.Json has no error code for it, only its message.
    /// </summary>
    private static bool IsUnknownMember(ModelStateEntry entry) =>
        entry.Errors.Any(e => e.ErrorMessage.Contains("could not be mapped to any .NET member", StringComparison.Ordinal));

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
