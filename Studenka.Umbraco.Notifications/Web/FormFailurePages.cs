using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// The Czech page for a form post that failed before any controller code ran, with the way back
/// to the form it came from. Applies to the package's HTML forms (the resident pages).
/// </summary>
internal static class FormFailurePages
{
    public static bool AppliesTo(ActionDescriptor action) =>
        action is ControllerActionDescriptor controller
        && controller.ControllerTypeInfo.IsSubclassOf(typeof(ResidentControllerBase));

    public static ViewResult Page(FilterContext context, int status, string title, string message)
    {
        var (url, text) = WayBack(context.HttpContext.Request.Path);
        return new ViewResult
        {
            ViewName = "~/Views/StudenkaSms/Message.cshtml",
            StatusCode = status,
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), context.ModelState)
            {
                Model = new MessagePageModel(title, message, url, text),
            },
        };
    }

    private static (string Url, string Text) WayBack(PathString path) =>
        path.StartsWithSegments("/sms/sprava", StringComparison.OrdinalIgnoreCase) ? ("/sms/sprava", "Zpět na správu odběru")
        : ("/sms", "Zpět na přihlášku k odběru");
}

/// <summary>
/// Reads the posted form first, so a body that cannot be read (broken multipart, too many fields,
/// too large) gets a page that says so instead of "Formulář vypršel" from the antiforgery check,
/// and never a 500. The forms are small: a tight limit costs nobody anything.
/// </summary>
internal sealed class UnreadableFormFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    internal const long MaxBodyBytes = 64 * 1024;
    internal const int MaxFields = 200;

    private const string Again = " Načtěte stránku znovu a odešlete formulář ještě jednou.";

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = MaxFields,
        MultipartBodyLengthLimit = MaxBodyBytes,
        ValueLengthLimit = (int)MaxBodyBytes,
    };

    /// <summary>Before the antiforgery check (1000), which reads the form too.</summary>
    public int Order => -1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!FormFailurePages.AppliesTo(context.ActionDescriptor) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return;
        }

        if (!request.HasFormContentType)
        {
            // JSON, XML or text posted to a page form: say so. No body at all is left to the antiforgery check.
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                context.Result = FormFailurePages.Page(context, StatusCodes.Status415UnsupportedMediaType, "Formulář se nepodařilo přečíst",
                    "Formulář se nepodařilo přečíst: data nejsou formulář." + Again);
            }

            return;
        }

        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        var failure = request.ContentLength > MaxBodyBytes ? Failure.TooLarge : await TryReadAsync(request);
        context.Result = failure switch
        {
            Failure.None => null,
            Failure.TooLarge => FormFailurePages.Page(context, StatusCodes.Status413PayloadTooLarge, "Formulář je příliš velký",
                "Formulář se nepodařilo přečíst: je příliš velký." + Again),
            Failure.TooManyFields => FormFailurePages.Page(context, StatusCodes.Status400BadRequest, "Formulář se nepodařilo přečíst",
                "Formulář se nepodařilo přečíst: obsahuje příliš mnoho polí." + Again),
            _ => FormFailurePages.Page(context, StatusCodes.Status400BadRequest, "Formulář se nepodařilo přečíst",
                "Formulář se nepodařilo přečíst: data nemají platný tvar." + Again),
        };
    }

    private static async Task<Failure> TryReadAsync(HttpRequest request)
    {
        try
        {
            await request.ReadFormAsync(Limits, request.HttpContext.RequestAborted);
            return Failure.None;
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge ? Failure.TooLarge : Failure.Unreadable;
        }
        catch (InvalidDataException e)
        {
            // FormReader and MultipartReader say which limit in the message; nothing else tells them apart.
            return e.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase) ? Failure.TooManyFields
                : e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) ? Failure.TooLarge
                : Failure.Unreadable;
        }
        catch (IOException)
        {
            return Failure.Unreadable;
        }
    }

    private enum Failure
    {
        None,
        TooLarge,
        TooManyFields,
        Unreadable,
    }
}

/// <summary>Replaces MVC's empty 400 for a failed antiforgery check with a page a resident understands.</summary>
internal sealed class CzechAntiforgeryFailureFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        // The antiforgery check runs before the controller exists, so look at the action's type.
        if (context.Result is IAntiforgeryValidationFailedResult && FormFailurePages.AppliesTo(context.ActionDescriptor))
        {
            context.Result = FormFailurePages.Page(context, StatusCodes.Status400BadRequest, "Formulář vypršel",
                "Formulář vypršel nebo nepochází z této stránky. Načtěte stránku znovu a odešlete ho ještě jednou.");
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
