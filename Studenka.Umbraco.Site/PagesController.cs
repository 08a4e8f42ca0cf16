using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Site;

/// <summary>The pages an Umbraco site would have as content: home, the SMS page with the form, errors.</summary>
[AllowAnonymous]
public sealed class PagesController : Controller
{
    // HEAD too, like the package's pages: uptime monitors ask with it.
    [HttpGet("/")]
    [HttpHead("/")]
    public IActionResult Home() => View("~/Views/Pages/Home.cshtml");

    [HttpGet("/sms")]
    [HttpHead("/sms")]
    public IActionResult Sms() => View("~/Views/Pages/Sms.cshtml");

    /// <summary>
    /// The error page the exception handler and the status-code pages re-execute, with the original
    /// method (hence no method constraint) and the original body, which it never reads: no parameters
    /// are bound, so a broken form cannot break the error page too.
    /// </summary>
    [Route("/chyba/{code?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var status = reExecuted?.OriginalStatusCode
            ?? (exception is not null ? StatusCodes.Status500InternalServerError : DirectStatus());
        if (ApiProblems.IsApiPath(reExecuted?.OriginalPath ?? exception?.Path ?? string.Empty))
        {
            return ApiProblems.Result(status, Request.Method);
        }

        Response.StatusCode = status;
        return View("~/Views/Pages/Error.cshtml", status);
    }

    /// <summary>
    /// Visited directly, the error page is not an error of this request: it answers as a page that
    /// does not exist, so no URL can make the site report a 5xx (or any status the URL names).
    /// </summary>
    private static int DirectStatus() => StatusCodes.Status404NotFound;
}
