using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// Texts of the service SMS. Written without diacritics on purpose: one Czech letter switches the
/// whole SMS to UCS-2 (70 characters a segment instead of 160) and doubles what the town pays.
/// </summary>
public sealed class SmsTexts(IOptions<SmsOptions> sms, IOptions<SubscriptionOptions> subscriptions, PublicUrls urls)
{
    private string Town => StripDiacritics(sms.Value.TownName);

    private int Minutes => subscriptions.Value.CodeValidityMinutes;

    public string SignupCode(string code) =>
        $"{Town} SMS: vas overovaci kod je {code}. Plati {Minutes} minut. Pokud jste o nej nezadali, zpravu ignorujte.";

    public string ManageCode(string code) =>
        $"{Town} SMS: kod pro spravu odberu je {code}. Plati {Minutes} minut.";

    public string Cancelled() =>
        $"{Town} SMS: odber zprav byl zrusen a vase udaje smazany. Prihlasit se muzete znovu na webu mesta.";

    /// <summary>
    /// Instead of a sign-up code when the number already subscribes (the sign-up page looks the same
    /// either way, so nobody learns who subscribes); its code opens management from that page. Links only from configuration: a link built from the
    /// request's Host header would let anyone send the town's SMS pointing at their own site.
    /// </summary>
    public string AlreadySubscribed(string code) =>
        $"{Town} SMS: zpravy mesta uz odebirate. Kod {code} zadejte na strance prihlasky a muzete odber zmenit nebo zrusit (nebo {Where(urls.ConfiguredManageUrl, "ve Sprave odberu na webu mesta")}).";

    /// <summary>After the town office recorded a written consent: the number was not proven by a code, so its owner learns of it and how to leave.</summary>
    public string SignedUpAtOffice() =>
        $"{Town} SMS: na uradu mesta jste byli prihlaseni k odberu zprav. Zrusit ho muzete odpovedi STOP nebo {Where(urls.ConfiguredManageUrl, "ve Sprave odberu na webu mesta")}.";

    /// <summary>Instead of a manage code when the number does not subscribe.</summary>
    public string NotSubscribed() =>
        $"{Town} SMS: toto cislo zpravy mesta neodebira. Prihlasit se k odberu muzete {Where(urls.ConfiguredSignUpUrl, "na webu mesta")}.";

    /// <summary>The answer to START: consent is given only on the web form, never by SMS.</summary>
    public string SignUpLink(string signUpUrl) =>
        $"{Town} SMS: odber zprav si zalozite jen na webu mesta: {signUpUrl}";

    private static string Where(string? url, string otherwise) => string.IsNullOrEmpty(url) ? otherwise : "na " + url;

    public static string StripDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
