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
    [CostsSms]
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

        var result = await subscriptions.SignUpAsync(form.ToInput(), cancellationToken);
        return result.Outcome switch
        {
            SignUpOutcome.CodeSent => RedirectToAction(nameof(Confirm), new { t = session.PhoneToken(result.Phone!) }),
            SignUpOutcome.Invalid => Page("SignUp", await FormView(form, result.FieldErrors, cancellationToken), StatusCodes.Status400BadRequest),
            SignUpOutcome.AlreadyActive => Message(StatusCodes.Status409Conflict, "Číslo už zprávy odebírá",
                "Toto telefonní číslo je už k odběru přihlášené. Balíčky a adresy změníte ve správě odběru.", "/sms/sprava", "Přejít na správu odběru"),
            SignUpOutcome.Throttled => Throttled(result.Throttle),
            _ => SmsFailed(),
        };
    }

    [HttpGet("overeni")]
    public IActionResult Confirm(string? t) => session.PhoneFromToken(t) is { } phone
        ? Page("ConfirmSignUp", new CodePageModel(t!, PhoneNumberNormalizer.Display(phone)))
        : BadLink();

    [HttpPost("overeni")]
    public async Task<IActionResult> Confirm(string? t, string? code, CancellationToken cancellationToken)
    {
        if (session.PhoneFromToken(t) is not { } phone)
        {
            return BadLink();
        }

        var result = await subscriptions.ConfirmSignupAsync(phone, code, cancellationToken);
        if (!result.Succeeded)
        {
            return Page("ConfirmSignUp", new CodePageModel(t!, PhoneNumberNormalizer.Display(phone), CodeError(result.Check)), StatusCodes.Status400BadRequest);
        }

        return Message(StatusCodes.Status200OK, "Hotovo, odběr je aktivní",
            $"Číslo {PhoneNumberNormalizer.Display(phone)} je ověřené. Zprávy města vám začneme posílat podle vybraných balíčků a adres.",
            "/sms/sprava", "Změnit nebo zrušit odběr");
    }

    [HttpPost("overeni/znovu")]
    [CostsSms]
    public async Task<IActionResult> Resend(string? t, CancellationToken cancellationToken)
    {
        if (session.PhoneFromToken(t) is not { } phone)
        {
            return BadLink();
        }

        var result = await subscriptions.ResendSignupCodeAsync(phone, cancellationToken);
        return result.Outcome switch
        {
            CodeRequestOutcome.CodeSent => Page("ConfirmSignUp", new CodePageModel(t!, PhoneNumberNormalizer.Display(phone), Notice: "Poslali jsme nový kód. Starý kód už neplatí.")),
            CodeRequestOutcome.Throttled => Throttled(result.Throttle),
            CodeRequestOutcome.NothingPending => Message(StatusCodes.Status400BadRequest, "Přihláška nenalezena",
                "K tomuto číslu nečeká žádná přihláška na ověření. Možná je už aktivní, nebo vypršela.", "/sms/prihlaska", "Vyplnit přihlášku znovu"),
            _ => SmsFailed(),
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
