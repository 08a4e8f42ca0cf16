using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// The links in e-mails: confirming an address, and leaving a package by e-mail. Both show a page on
/// GET and act only on POST, so a mail scanner that opens links changes nothing. The unsubscribe
/// POST is RFC 8058 one-click: the mail client posts it without a page, so the token is the whole
/// authorization (no antiforgery, no session). Thin: the rules are in Subscriptions.
/// </summary>
[Route("sms/email")]
public sealed class EmailController(
    EmailVerifications verifications,
    EmailUnsubscribes unsubscribes,
    [FromKeyedServices(EmailController.LimiterKey)] PerIpRateLimiter limiter) : ResidentControllerBase
{
    public const string LimiterKey = "studenka-email-links";

    [HttpGet("overit")]
    public async Task<IActionResult> Verify(string? t, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(HttpContext))
        {
            return TooMany();
        }

        var check = await verifications.CheckAsync(t, cancellationToken);
        return check.Outcome == EmailLinkOutcome.Valid
            ? Page("EmailVerify", new EmailLinkPageModel(t!, check.Email!))
            : VerifyFailed(check.Outcome);
    }

    [HttpPost("overit")]
    public async Task<IActionResult> VerifyConfirmed(string? t, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(HttpContext))
        {
            return TooMany();
        }

        var check = await verifications.ConfirmAsync(t, cancellationToken);
        return check.Outcome == EmailLinkOutcome.Valid
            ? Message(StatusCodes.Status200OK, "E-mail je potvrzený",
                $"Adresa {check.Email} je ověřená. Zprávy vybraných balíčků vám budeme posílat i e-mailem.", "/sms/sprava", "Správa odběru")
            : VerifyFailed(check.Outcome);
    }

    [HttpGet("odhlasit")]
    public async Task<IActionResult> Unsubscribe(string? t, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(HttpContext))
        {
            return TooMany();
        }

        var check = await unsubscribes.CheckAsync(t, cancellationToken);
        return check.Outcome == UnsubscribeOutcome.Unsubscribed
            ? Page("EmailUnsubscribe", new EmailLinkPageModel(t!, PackageName(check.PackageId)))
            : UnsubscribeAnswer(check);
    }

    /// <summary>RFC 8058 one-click and the page's button; a second use answers "already unsubscribed".</summary>
    [HttpPost("odhlasit")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> UnsubscribeConfirmed(string? t, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(HttpContext))
        {
            return TooMany();
        }

        return UnsubscribeAnswer(await unsubscribes.UnsubscribeAsync(t, cancellationToken));
    }

    private IActionResult UnsubscribeAnswer(UnsubscribeResult result) => result.Outcome switch
    {
        UnsubscribeOutcome.Unsubscribed => Message(StatusCodes.Status200OK, "Odhlášeno z e-mailu",
            $"Balíček „{PackageName(result.PackageId)}“ vám už e-mailem posílat nebudeme. {Remaining(result.Remaining)}", "/sms/sprava", "Správa odběru"),
        UnsubscribeOutcome.AlreadyUnsubscribed => Message(StatusCodes.Status200OK, "Už odhlášeno",
            $"Balíček „{PackageName(result.PackageId)}“ už vám e-mailem nechodí. Další změny provedete ve správě odběru.", "/sms/sprava", "Správa odběru"),
        _ => Message(StatusCodes.Status400BadRequest, "Neplatný odkaz",
            "Odkaz pro odhlášení je neplatný nebo neúplný, nebo adresa už není přihlášená. Odběr změníte ve správě odběru (telefonní číslo a kód z SMS).", "/sms/sprava", "Správa odběru"),
    };

    private IActionResult VerifyFailed(EmailLinkOutcome outcome) => outcome switch
    {
        EmailLinkOutcome.Expired => Message(StatusCodes.Status410Gone, "Platnost odkazu vypršela",
            "Odkaz pro potvrzení e-mailu už neplatí. Nový si pošlete ve správě odběru (telefonní číslo a kód z SMS).", "/sms/sprava", "Správa odběru"),
        EmailLinkOutcome.Used => Message(StatusCodes.Status410Gone, "Odkaz už byl použit",
            "Tento odkaz už e-mail potvrdil. Pokud adresu měníte, pošlete si nový odkaz ve správě odběru.", "/sms/sprava", "Správa odběru"),
        EmailLinkOutcome.Replaced => Message(StatusCodes.Status410Gone, "Adresa se mezitím změnila",
            "E-mail v odběru byl mezitím změněn nebo odebrán, tento odkaz už neplatí. Podívejte se do správy odběru.", "/sms/sprava", "Správa odběru"),
        EmailLinkOutcome.Taken => Message(StatusCodes.Status409Conflict, "Adresa už je potvrzená jinde",
            "Tato e-mailová adresa je už potvrzená u jiného odběru. V každém odběru může být jen jednou; ve správě odběru zadejte jinou.", "/sms/sprava", "Správa odběru"),
        _ => Message(StatusCodes.Status400BadRequest, "Neplatný odkaz",
            "Odkaz pro potvrzení e-mailu je neplatný nebo neúplný. Zkopírujte ho z e-mailu celý, nebo si nový pošlete ve správě odběru.", "/sms/sprava", "Správa odběru"),
    };

    private IActionResult TooMany()
    {
        Response.Headers.RetryAfter = ((int)limiter.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Message(StatusCodes.Status429TooManyRequests, "Příliš mnoho požadavků",
            "Z vašeho připojení přišlo v krátké době příliš mnoho požadavků. Zkuste to prosím později.", "/sms", "Na úvodní stránku");
    }

    private static string PackageName(int id) => TopicPackages.All.FirstOrDefault(p => p.Id == id)?.Name ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string Remaining(IReadOnlyDictionary<int, PackageChannel>? remaining) => remaining is not { Count: > 0 }
        ? "Jiné zprávy vám nyní nechodí; balíčky vyberete znovu ve správě odběru."
        : "Dál dostáváte: " + string.Join(", ", remaining.Select(r => $"{PackageName(r.Key)} ({ChannelName(r.Value)})")) + ".";

    internal static string ChannelName(PackageChannel channel) => channel switch
    {
        PackageChannel.Email => "e-mailem",
        PackageChannel.Both => "SMS i e-mailem",
        _ => "SMS",
    };
}

public sealed record EmailLinkPageModel(string Token, string Subject);
