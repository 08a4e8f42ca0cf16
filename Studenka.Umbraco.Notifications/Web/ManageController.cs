using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
    IOptions<SubscriptionOptions> options) : ResidentControllerBase
{
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
        return Page("ManageEdit", await FormView(SubscriptionFormModel.From(subscriber), [], cancellationToken));
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
            return Page("ManageEdit", await FormView(form, [new FieldError("Addresses[0].PartId", "Některé pole obsahuje neplatnou hodnotu.")], cancellationToken), StatusCodes.Status400BadRequest);
        }

        var result = await subscriptions.UpdateAsync(subscriber.Id, form.ToInput(), cancellationToken);
        if (!result.Succeeded)
        {
            return Page("ManageEdit", await FormView(form, result.Errors, cancellationToken), StatusCodes.Status400BadRequest);
        }

        TempData["Saved"] = true;
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

    private async Task<SubscriptionFormView> FormView(SubscriptionFormModel form, IReadOnlyList<FieldError> errors, CancellationToken cancellationToken) =>
        new(FormMode.Edit, form, errors, await areas.GetCatalogAsync(cancellationToken), options.Value.PrivacyUrl);
}
