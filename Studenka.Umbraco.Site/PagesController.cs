using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Studenka.Umbraco.Site;

/// <summary>The pages an Umbraco site would have as content: home, the SMS page with the form, errors.</summary>
[AllowAnonymous]
public sealed class PagesController : Controller
{
    [HttpGet("/")]
    public IActionResult Home() => View("~/Views/Pages/Home.cshtml");

    [HttpGet("/sms")]
    public IActionResult Sms() => View("~/Views/Pages/Sms.cshtml");

    [HttpGet("/chyba/{code:int?}")]
    [HttpPost("/chyba/{code:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int? code)
    {
        // Keep the status of the original failure; only bodyless responses reach this page.
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        return View("~/Views/Pages/Error.cshtml", status);
    }
}
