using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>Sign-up and its confirmation code. Thin: every rule lives in <see cref="SubscriptionService"/>.</summary>
[Route("sms")]
public sealed class SubscriptionController(
    SubscriptionService subscriptions,
    AreaRepository areas,
    ManageSession session,
    IOptions<SubscriptionOptions> options) : ResidentControllerBase
{
    [HttpGet("prihlaska")]
    public async Task<IActionResult> SignUp(CancellationToken cancellationToken) =>
        Page("SignUp", await FormView(new SubscriptionFormModel(), [], cancellationToken));

    [HttpPost("prihlaska")]
    public async Task<IActionResult> SignUp([FromForm] SubscriptionFormModel form, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(form.Website))
        {
            return Message(StatusCodes.Status400BadRequest, "Formulář nelze odeslat", "Formulář obsahuje pole, které se nemá vyplňovat. Načtěte stránku znovu.");
        }

        if (!ModelState.IsValid)
        {
            // Values that did not even bind (e.g. "abc" as a part id) are reported like any other mistake.
            return Page("SignUp", await FormView(form, BindingErrors(), cancellationToken), StatusCodes.Status400BadRequest);
        }

        var result = await subscriptions.SignUpAsync(form.ToInput(), HttpContext.Connection.RemoteIpAddress, cancellationToken);
        return result.Outcome switch
        {
            // An active number is answered like any other (its owner was told by SMS): the page must not tell who subscribes.
            SignUpOutcome.CodeSent or SignUpOutcome.AlreadyActive => RedirectToAction(nameof(Confirm), new { t = session.SignUpToken(result.Attempt!) }),
            SignUpOutcome.Invalid => Page("SignUp", await FormView(form, result.FieldErrors, cancellationToken), StatusCodes.Status400BadRequest),
            _ /* Throttled */ => Throttled(result.Throttle, "/sms/prihlaska", "Zpět na přihlášku"),
        };
    }

    [HttpGet("overeni")]
    public IActionResult Confirm(string? t) => session.SignUpFromToken(t) is { } attempt
        ? Page("ConfirmSignUp", new CodePageModel(t!, PhoneNumberNormalizer.Display(attempt.Phone)))
        : BadLink();

    [HttpPost("overeni")]
    public async Task<IActionResult> Confirm(string? t, string? code, CancellationToken cancellationToken)
    {
        if (session.SignUpFromToken(t) is not { } attempt)
        {
            return BadLink();
        }

        var phone = PhoneNumberNormalizer.Display(attempt.Phone);
        var result = await subscriptions.ConfirmSignupAsync(attempt, code, cancellationToken);
        if (!result.Succeeded)
        {
            return Page("ConfirmSignUp", new CodePageModel(t!, phone, CodeError(result.Check)), StatusCodes.Status400BadRequest);
        }

        // The code just proved the number: the next step (change or cancel) must not need another one.
        await session.SignInAsync(HttpContext, result.SubscriberId!.Value, cancellationToken);
        if (result.AlreadyActive)
        {
            return RedirectToAction(nameof(ManageController.Edit), "Manage");
        }

        return Message(StatusCodes.Status200OK, "Hotovo, odběr je aktivní",
            $"Číslo {phone} je ověřené. Zprávy města vám začneme posílat podle vybraných balíčků a adres.",
            "/sms/sprava", "Změnit nebo zrušit odběr");
    }

    [HttpPost("overeni/znovu")]
    public async Task<IActionResult> Resend(string? t, CancellationToken cancellationToken)
    {
        if (session.SignUpFromToken(t) is not { } attempt)
        {
            return BadLink();
        }

        var result = await subscriptions.ResendSignupCodeAsync(attempt, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        return result.Outcome switch
        {
            CodeRequestOutcome.CodeSent => Page("ConfirmSignUp", new CodePageModel(t!, PhoneNumberNormalizer.Display(attempt.Phone), Notice: "Poslali jsme nový kód. Starý kód už neplatí.")),
            CodeRequestOutcome.NothingPending => Message(StatusCodes.Status400BadRequest, "Přihláška nenalezena",
                "K tomuto číslu nečeká žádná přihláška na ověření. Možná je už aktivní, nebo vypršela.", "/sms/prihlaska", "Vyplnit přihlášku znovu"),
            _ /* Throttled */ => Throttled(result.Throttle, "/sms/overeni?t=" + Uri.EscapeDataString(t!), "Zpět na zadání kódu"),
        };
    }

    [HttpGet("ochrana-udaju")]
    public IActionResult Privacy() => Page("Privacy", options.Value);

    private IActionResult BadLink() => Message(StatusCodes.Status400BadRequest, "Neplatný odkaz",
        "Odkaz na ověření je neplatný nebo neúplný. Vyplňte prosím přihlášku znovu.", "/sms/prihlaska", "Vyplnit přihlášku");

    private async Task<SubscriptionFormView> FormView(SubscriptionFormModel form, IReadOnlyList<FieldError> errors, CancellationToken cancellationToken) =>
        new(FormMode.SignUp, form, errors, await areas.GetCatalogAsync(cancellationToken), options.Value.PrivacyUrl);

    private List<FieldError> BindingErrors() => ModelState
        .Where(e => e.Value?.Errors.Count > 0)
        .Select(e => new FieldError(e.Key, "Hodnota pole není platná."))
        .ToList();
}
