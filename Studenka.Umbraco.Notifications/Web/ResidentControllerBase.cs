using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Public resident pages: anonymous by design, antiforgery on every post, and Czech answers with a
/// proper 4xx status for everything a resident (or a bot) can get wrong. Posts from another site
/// are refused before anything else runs (the management API's check, with a page instead of JSON).
/// </summary>
[AllowAnonymous]
[ResidentSameSiteWritesOnly]
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

    /// <summary>A 429 that says the true time to try again (also in <c>Retry-After</c>) and leads back to where the resident was.</summary>
    protected IActionResult Throttled(ThrottleDecision? decision, string backUrl, string backText)
    {
        var when = "za chvíli";
        if (decision is { RetryAfterSeconds: > 0, RetryAt: { } retryAt })
        {
            Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            when = RetryTime.Czech(retryAt, decision.RetryAfterSeconds);
        }

        var text = decision?.Outcome switch
        {
            // The last SMS may have been a notice instead of a code, so the text promises no code.
            ThrottleOutcome.Cooldown => $"Na toto číslo jsme před chvílí poslali SMS. Další si můžete vyžádat {when}.",
            ThrottleOutcome.PhoneDailyLimit => $"Na toto číslo jsme za posledních 24 hodin poslali už příliš mnoho SMS. Zkuste to prosím {when}.",
            ThrottleOutcome.ClientLimit => $"Z vašeho připojení přišlo v krátké době příliš mnoho žádostí o SMS. Zkuste to prosím {when}.",
            ThrottleOutcome.NetworkLimit => $"Z vaší sítě (stejný poskytovatel, úřad nebo firma) přišlo v krátké době příliš mnoho žádostí o SMS. Zkuste to prosím {when}.",
            ThrottleOutcome.GlobalDailyCap => $"Dnešní limit ověřovacích SMS je vyčerpán. Zkuste to prosím {when}, nebo kontaktujte městský úřad.",
            _ => $"Příliš mnoho požadavků. Zkuste to prosím {when}.",
        };
        return Message(StatusCodes.Status429TooManyRequests, "Příliš mnoho požadavků", text, backUrl, backText);
    }

    protected internal static string CodeError(CodeCheck check) => check.Outcome switch
    {
        CodeCheckOutcome.Wrong => $"Kód nesouhlasí. Zbývá pokusů: {check.AttemptsLeft}.",
        CodeCheckOutcome.NotSixDigits => "Zadejte kód z SMS: 6 číslic.",
        CodeCheckOutcome.Expired => "Platnost kódu vypršela. Vyžádejte si nový kód.",
        CodeCheckOutcome.TooManyAttempts => "Příliš mnoho chybných pokusů. Vyžádejte si nový kód.",
        _ => "Kód už neplatí nebo nebyl vydán. Vyžádejte si nový kód.",
    };
}

/// <summary>
/// Resident posts from another site get 403 with a Czech page. It runs before the antiforgery check
/// (an authorization filter of order 1000), so the answer names the real reason; the decision itself
/// is the management API's (<see cref="SameSiteWritesOnlyAttribute.IsCrossSite"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ResidentSameSiteWritesOnlyAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && SameSiteWritesOnlyAttribute.IsCrossSite(request))
        {
            context.Result = new ViewResult
            {
                ViewName = "~/Views/StudenkaSms/Message.cshtml",
                StatusCode = StatusCodes.Status403Forbidden,
                ViewData = new ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
                {
                    Model = new MessagePageModel("Požadavek z cizího webu", "Formulář byl odeslán z cizího webu, proto jsme ho nepřijali. Otevřete prosím stránku města a vyplňte ho tam.", "/sms/prihlaska", "Na stránku přihlášení"),
                },
            };
        }
    }
}
