using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>Self-service: phone, code, then change, download or cancel. No passwords anywhere.</summary>
[Route("sms/sprava")]
public sealed class ManageController(
    SubscriptionService subscriptions,
    AreaRepository areas,
    ManageSession session,
    IOptions<SubscriptionOptions> options,
    [FromKeyedServices(ManageController.EmailLinkLimiterKey)] PerIpRateLimiter emailLinkLimiter) : ResidentControllerBase
{
    /// <summary>The per-client limit on confirmation e-mails (the subscriber's own limit is in <see cref="EmailVerifications"/>).</summary>
    public const string EmailLinkLimiterKey = "studenka-email-link-sends";

    // Letters and "+420…" as a person writes them. The default encoder, even allowing every Unicode
    // range, writes + < > & ' as \u escapes meant for JSON embedded in HTML; this file never is: it
    // is served only as an attachment of type application/json, and the validator already keeps <, >
    // and quotes out of names and e-mails.
    private static readonly JsonSerializerOptions DownloadJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [HttpGet("")]
    public async Task<IActionResult> Start(CancellationToken cancellationToken) => await session.CurrentSubscriberIdAsync(HttpContext, cancellationToken) is not null
        ? RedirectToAction(nameof(Edit))
        : Page("ManageStart", new MessagePageModel("Správa odběru", string.Empty));

    [HttpPost("")]
    public async Task<IActionResult> Start(string? phone, CancellationToken cancellationToken)
    {
        var result = await subscriptions.RequestManageCodeAsync(phone, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        return result.Outcome switch
        {
            // A number that does not subscribe gets an SMS saying so, and the same page: nobody learns who subscribes.
            CodeRequestOutcome.CodeSent => RedirectToAction(nameof(Code), new { t = session.PhoneToken(result.Phone!) }),
            CodeRequestOutcome.InvalidPhone => Page("ManageStart", new MessagePageModel("Správa odběru", result.Error!), StatusCodes.Status400BadRequest),
            _ /* Throttled */ => Throttled(result.Throttle, "/sms/sprava", "Zpět na správu odběru"),
        };
    }

    [HttpGet("overeni")]
    public IActionResult Code(string? t) => session.PhoneFromToken(t) is { } phone
        ? Page("ManageCode", new CodePageModel(t!, PhoneNumberNormalizer.Display(phone)))
        : BadLink();

    [HttpPost("overeni")]
    public async Task<IActionResult> Code(string? t, string? code, CancellationToken cancellationToken)
    {
        if (session.PhoneFromToken(t) is not { } phone)
        {
            return BadLink();
        }

        var result = await subscriptions.ConfirmManageAsync(phone, code, cancellationToken);
        if (!result.Succeeded)
        {
            return Page("ManageCode", new CodePageModel(t!, PhoneNumberNormalizer.Display(phone), CodeError(result.Check)), StatusCodes.Status400BadRequest);
        }

        await session.SignInAsync(HttpContext, result.SubscriberId!.Value, cancellationToken);
        return RedirectToAction(nameof(Edit));
    }

    [HttpGet("odber")]
    public async Task<IActionResult> Edit(CancellationToken cancellationToken)
    {
        if (await CurrentAsync(cancellationToken) is not { } subscriber)
        {
            return SessionExpired();
        }

        ViewData["Phone"] = PhoneNumberNormalizer.Display(subscriber.Phone);
        return Page("ManageEdit", await FormView(SubscriptionFormModel.From(subscriber), [], cancellationToken, subscriber));
    }

    [HttpPost("odber")]
    public async Task<IActionResult> Edit([FromForm] SubscriptionFormModel form, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(cancellationToken) is not { } subscriber)
        {
            return SessionExpired();
        }

        ViewData["Phone"] = PhoneNumberNormalizer.Display(subscriber.Phone);
        if (!ModelState.IsValid)
        {
            return Page("ManageEdit", await FormView(form, [new FieldError("Addresses[0].PartId", "Některé pole obsahuje neplatnou hodnotu.")], cancellationToken, subscriber), StatusCodes.Status400BadRequest);
        }

        var emailChanged = !string.IsNullOrWhiteSpace(form.Email) && EmailLinks.Normalize(form.Email) != subscriber.Email;
        if (emailChanged && !emailLinkLimiter.TryAcquire(HttpContext))
        {
            return Page("ManageEdit", await FormView(form, [new FieldError("Email", "Z vašeho připojení jsme poslali už příliš mnoho odkazů k potvrzení e-mailu. Zkuste to prosím za hodinu.")], cancellationToken, subscriber), StatusCodes.Status429TooManyRequests);
        }

        var result = await subscriptions.UpdateAsync(subscriber.Id, form.ToInput(), cancellationToken);
        if (!result.Succeeded)
        {
            return Page("ManageEdit", await FormView(form, result.Errors, cancellationToken, subscriber), StatusCodes.Status400BadRequest);
        }

        TempData["Saved"] = result.EmailLinkSent ? "email" : "saved";
        return RedirectToAction(nameof(Edit));
    }

    /// <summary>A new confirmation link for an address not yet (or no longer, after a bounce) confirmed.</summary>
    [HttpPost("email/znovu")]
    public async Task<IActionResult> ResendEmailLink(CancellationToken cancellationToken)
    {
        if (await CurrentAsync(cancellationToken) is not { } subscriber)
        {
            return SessionExpired();
        }

        if (subscriber.Email is null || subscriber.EmailUsable)
        {
            return Message(StatusCodes.Status400BadRequest, "Není co potvrzovat", "Váš e-mail je už potvrzený, nebo v odběru žádný není.", "/sms/sprava/odber", "Zpět na odběr");
        }

        if (!emailLinkLimiter.TryAcquire(HttpContext))
        {
            return Message(StatusCodes.Status429TooManyRequests, "Příliš mnoho požadavků",
                "Z vašeho připojení jsme poslali už příliš mnoho odkazů k potvrzení e-mailu. Zkuste to prosím za hodinu.", "/sms/sprava/odber", "Zpět na odběr");
        }

        var (sent, retryAt) = await subscriptions.ResendEmailLinkAsync(subscriber.Id, cancellationToken);
        if (!sent)
        {
            return Message(StatusCodes.Status429TooManyRequests, "Odkaz jsme poslali před chvílí",
                "Odkaz k potvrzení e-mailu jsme poslali nedávno. Podívejte se do schránky (i do nevyžádané pošty), nebo to zkuste později.", "/sms/sprava/odber", "Zpět na odběr");
        }

        TempData["Saved"] = "email";
        return RedirectToAction(nameof(Edit));
    }

    [HttpGet("data")]
    public async Task<IActionResult> Export([FromServices] TownCalendar calendar, CancellationToken cancellationToken) =>
        await CurrentAsync(cancellationToken) is { } s
            ? Page("ManageData", ResidentDataExport.From(s, calendar))
            : SessionExpired();

    [HttpGet("data.json")]
    public async Task<IActionResult> ExportJson([FromServices] TownCalendar calendar, CancellationToken cancellationToken) =>
        await CurrentAsync(cancellationToken) is { } s
            ? File(JsonSerializer.SerializeToUtf8Bytes(ResidentDataExport.From(s, calendar), DownloadJson), "application/json; charset=utf-8", "moje-udaje-sms.json")
            : SessionExpired();

    [HttpGet("zrusit")]
    public async Task<IActionResult> Cancel(CancellationToken cancellationToken) =>
        await CurrentAsync(cancellationToken) is { } s
            ? Page("ManageCancel", new MessagePageModel("Zrušit odběr", PhoneNumberNormalizer.Display(s.Phone)))
            : SessionExpired();

    [HttpPost("zrusit")]
    public async Task<IActionResult> CancelConfirmed(CancellationToken cancellationToken)
    {
        if (await session.CurrentSubscriberIdAsync(HttpContext, cancellationToken) is not { } id || !await subscriptions.CancelAsync(id, cancellationToken))
        {
            return SessionExpired();
        }

        // The subscriber's sessions went with it; this only removes the cookie.
        await session.SignOutAsync(HttpContext, cancellationToken);
        return Message(StatusCodes.Status200OK, "Odběr je zrušen",
            "Vaše telefonní číslo, adresy i ostatní údaje jsme smazali. Potvrzení jsme poslali SMS zprávou.", "/sms", "Přihlásit se znovu");
    }

    [HttpPost("odhlasit")]
    public async Task<IActionResult> Leave(CancellationToken cancellationToken)
    {
        await session.SignOutAsync(HttpContext, cancellationToken);
        return Message(StatusCodes.Status200OK, "Odhlášeno", "Správu odběru jste opustili.", "/sms", "Zpět");
    }

    private async Task<Subscriber?> CurrentAsync(CancellationToken cancellationToken) =>
        await session.CurrentSubscriberIdAsync(HttpContext, cancellationToken) is { } id ? await subscriptions.GetAsync(id, cancellationToken) : null;

    private IActionResult BadLink() => Message(StatusCodes.Status400BadRequest, "Neplatný odkaz", "Odkaz je neplatný. Zadejte prosím číslo znovu.", "/sms/sprava", "Správa odběru");

    private IActionResult SessionExpired() => Message(StatusCodes.Status401Unauthorized, "Přihlášení vypršelo",
        "Pro správu odběru zadejte znovu své číslo, pošleme vám nový kód.", "/sms/sprava", "Správa odběru");

    private async Task<SubscriptionFormView> FormView(SubscriptionFormModel form, IReadOnlyList<FieldError> errors, CancellationToken cancellationToken, Subscriber stored) =>
        new(FormMode.Edit, form, errors, await areas.GetCatalogAsync(cancellationToken), options.Value.PrivacyUrl, stored);
}
