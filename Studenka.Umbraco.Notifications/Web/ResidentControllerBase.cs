using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Public resident pages: anonymous by design, antiforgery on every post, and Czech answers with a
/// proper 4xx status for everything a resident (or a bot) can get wrong.
/// </summary>
[AllowAnonymous]
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class ResidentControllerBase : Controller
{
    protected const string ViewRoot = "~/Views/StudenkaSms/";

    protected IActionResult Page(string view, object model, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        return View(ViewRoot + view + ".cshtml", model);
    }

    protected IActionResult Message(int status, string title, string message, string? linkUrl = null, string? linkText = null) =>
        Page("Message", new MessagePageModel(title, message, linkUrl, linkText), status);

    protected IActionResult Throttled(ThrottleDecision? decision)
    {
        if (decision is { RetryAfterSeconds: > 0 })
        {
            Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = decision?.Outcome switch
        {
            ThrottleOutcome.Cooldown => $"Kód jsme vám právě poslali. Nový si můžete vyžádat za {decision.RetryAfterSeconds} s.",
            ThrottleOutcome.PhoneDailyLimit => "Na toto číslo jsme dnes poslali už příliš mnoho kódů. Zkuste to prosím zítra.",
            ThrottleOutcome.GlobalDailyCap => "Dnešní limit ověřovacích SMS je vyčerpán. Zkuste to prosím zítra, nebo kontaktujte městský úřad.",
            _ => "Příliš mnoho požadavků. Zkuste to prosím za chvíli.",
        };
        return Message(StatusCodes.Status429TooManyRequests, "Příliš mnoho požadavků", text);
    }

    protected IActionResult SmsFailed() => Message(StatusCodes.Status503ServiceUnavailable, "SMS se nepodařilo odeslat",
        "Ověřovací SMS se teď nepodařilo odeslat. Zkuste to prosím za několik minut; vaše údaje nejsou ztraceny.");

    protected static string CodeError(CodeCheck check) => check.Outcome switch
    {
        CodeCheckOutcome.Wrong => $"Kód nesouhlasí. Zbývá pokusů: {check.AttemptsLeft}.",
        CodeCheckOutcome.Expired => "Platnost kódu vypršela. Vyžádejte si nový kód.",
        CodeCheckOutcome.TooManyAttempts => "Příliš mnoho chybných pokusů. Vyžádejte si nový kód.",
        _ => "Kód už neplatí nebo nebyl vydán. Vyžádejte si nový kód.",
    };
}
