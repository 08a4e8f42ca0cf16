using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Notifications.Scheduling;

namespace Studenka.Umbraco.Notifications.Settings;

/// <summary>
/// The rules a changed setting must meet, with a Czech message per field (the keys are the JSON
/// paths, e.g. <c>quietHours[1].start</c>). A value comes back only when there is no error.
/// </summary>
public static partial class SettingsValidator
{
    public const int MaxTemplates = 50;
    public const int MaxSendersPerRole = 20;
    private const int MaxLine = 200;
    private const int MaxParagraph = 1000;

    public static (IReadOnlyList<QuietWindow>? Value, Dictionary<string, string> Errors) QuietHours(QuietHoursRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>();
        var windows = new List<QuietWindow>();
        if (request.QuietHours is null)
        {
            errors["quietHours"] = "Uveďte seznam nočního klidu (prázdný seznam = žádný noční klid).";
            return (null, errors);
        }

        for (var i = 0; i < request.QuietHours.Count; i++)
        {
            var at = $"quietHours[{i}]";
            if (request.QuietHours[i] is not { } w)
            {
                errors[at] = "Položka nočního klidu chybí.";
                continue;
            }

            if (w.PackageId is 1)
            {
                errors[at + ".packageId"] = "Krizové zprávy (balíček 1) nesmějí čekat na konec nočního klidu.";
            }
            else if (w.PackageId is not (>= 2 and <= 4))
            {
                errors[at + ".packageId"] = "Noční klid lze nastavit jen balíčkům 2 až 4.";
            }
            else if (windows.Any(x => x.PackageId == w.PackageId))
            {
                errors[at + ".packageId"] = $"Balíček {w.PackageId} je v seznamu dvakrát.";
            }

            var start = Time(w.Start, at + ".start", "Začátek", errors);
            var end = Time(w.End, at + ".end", "Konec", errors);
            if (start is not null && start == end)
            {
                errors[at + ".end"] = "Konec nočního klidu musí být jiný než začátek.";
            }

            if (w.PackageId is { } p && start is not null && end is not null)
            {
                windows.Add(new QuietWindow(p, start, end));
            }
        }

        return errors.Count == 0 ? ([.. windows.OrderBy(w => w.PackageId)], errors) : (null, errors);
    }

    public static (decimal? Value, Dictionary<string, string> Errors) Price(PriceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.PricePerSegmentCzk is { } price and >= 0 and <= 100 && price.Scale <= 4
            ? (price, [])
            : (null, new() { ["pricePerSegmentCzk"] = "Cena za jednu část SMS musí být číslo od 0 do 100 Kč s nejvýše čtyřmi desetinnými místy." });
    }

    public static (int? Value, Dictionary<string, string> Errors) VerificationCap(VerificationCapRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.DailyCap is { } cap and >= 1 and <= Subscriptions.VerificationCap.Max
            ? (cap, [])
            : (null, new() { ["dailyCap"] = $"Denní limit ověřovacích SMS musí být celé číslo 1 až {Subscriptions.VerificationCap.Max}." });
    }

    public static (RoleOriginators? Value, Dictionary<string, string> Errors) Originators(OriginatorsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>();
        var value = new RoleOriginators(
            Senders(request.Administrator, "administrator", errors), Senders(request.Editor, "editor", errors), Senders(request.Dispatch, "dispatch", errors));
        return errors.Count == 0 ? (value, errors) : (null, errors);
    }

    public static (IReadOnlyList<MessageTemplate>? Value, Dictionary<string, string> Errors) Templates(TemplatesRequest request, int maxSegments)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>();
        if (request.Templates is not { Count: <= MaxTemplates } list)
        {
            errors["templates"] = $"Uveďte seznam nejvýše {MaxTemplates} šablon.";
            return (null, errors);
        }

        var maxText = maxSegments * 153;
        var templates = new List<MessageTemplate>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"templates[{i}]";
            if (list[i] is not { } t)
            {
                errors[at] = "Šablona chybí.";
                continue;
            }

            var key = t.Key?.Trim() ?? "";
            if (!TemplateKey().IsMatch(key))
            {
                errors[at + ".key"] = "Klíč šablony: 1–40 malých písmen bez diakritiky, číslic a pomlček, např. povoden.";
            }
            else if (templates.Any(x => x.Key == key))
            {
                errors[at + ".key"] = $"Klíč {key} má víc šablon.";
            }

            var name = Line(t.Name, at + ".name", "Název šablony", 60, errors);
            if (t.Package is not (>= 1 and <= 4))
            {
                errors[at + ".package"] = "Šablona patří k jednomu z balíčků 1 až 4.";
            }

            var text = t.Text?.Trim() ?? "";
            if (text.Length == 0 || text.Length > maxText)
            {
                errors[at + ".text"] = $"Text šablony musí mít 1 až {maxText} znaků.";
            }

            if (name is not null && t.Package is { } package)
            {
                templates.Add(new MessageTemplate(key, name, package, text));
            }
        }

        return errors.Count == 0 ? (templates, errors) : (null, errors);
    }

    public static (PrivacyText? Value, Dictionary<string, string> Errors) Privacy(PrivacyRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new Dictionary<string, string>();
        var controller = Line(r.ControllerName, "controllerName", "Správce údajů", MaxLine, errors);
        var ico = r.ControllerIco?.Trim() ?? "";
        if (!Ico().IsMatch(ico))
        {
            errors["controllerIco"] = "IČO má 8 číslic.";
        }

        var address = Line(r.ControllerAddress, "controllerAddress", "Adresa správce", MaxLine, errors);
        var email = Email(r.ContactEmail, "contactEmail", required: true, errors);
        var phone = Optional(r.ContactPhone, "contactPhone", "Telefon", MaxLine, errors);
        var dataBox = Optional(r.DataBox, "dataBox", "Datová schránka", 7, errors);
        if (dataBox is not null && !DataBox().IsMatch(dataBox))
        {
            errors["dataBox"] = "ID datové schránky má 7 malých písmen a číslic, např. abc1234.";
        }

        var dpoName = Optional(r.DpoName, "dpoName", "Jméno pověřence", MaxLine, errors);
        var dpoEmail = Email(r.DpoEmail, "dpoEmail", required: false, errors);
        var processor = Line(r.SmsProcessor, "smsProcessor", "Zpracovatel (operátor SMS)", MaxLine, errors);
        var purpose = Line(r.EmailPurpose, "emailPurpose", "Účel e-mailu", MaxParagraph, errors);
        return errors.Count == 0
            ? (new PrivacyText(controller!, ico, address!, email!, phone, dataBox, dpoName, dpoEmail, processor!, purpose!), errors)
            : (null, errors);
    }

    private static string? Time(string? value, string field, string label, Dictionary<string, string> errors)
    {
        var text = value?.Trim() ?? "";
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return text;
        }

        errors[field] = $"{label} nočního klidu zadejte jako čas HH:mm, např. 21:00.";
        return null;
    }

    private static List<string>? Senders(List<string?>? senders, string field, Dictionary<string, string> errors)
    {
        if (senders is null)
        {
            return null;
        }

        if (senders.Count > MaxSendersPerRole)
        {
            errors[field] = $"Nejvýše {MaxSendersPerRole} odesílatelů pro jednu roli.";
            return null;
        }

        var clean = new List<string>();
        for (var i = 0; i < senders.Count; i++)
        {
            var sender = senders[i]?.Trim();
            if (!Gateway.Originators.IsValid(sender))
            {
                errors[$"{field}[{i}]"] = "Odesílatel: nejvýše 11 písmen bez diakritiky nebo číslic (slova oddělená jednou mezerou), nebo telefonní číslo o nejvýše 17 číslicích.";
            }
            else if (!clean.Contains(sender!, StringComparer.Ordinal))
            {
                clean.Add(sender!);
            }
        }

        return clean;
    }

    private static string? Line(string? value, string field, string label, int max, Dictionary<string, string> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length is > 0 && text.Length <= max)
        {
            return text;
        }

        errors[field] = $"{label}: vyplňte 1 až {max} znaků.";
        return null;
    }

    private static string? Optional(string? value, string field, string label, int max, Dictionary<string, string> errors) =>
        string.IsNullOrWhiteSpace(value) ? null : Line(value, field, label, max, errors);

    private static string? Email(string? value, string field, bool required, Dictionary<string, string> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 && !required)
        {
            return null;
        }

        if (text.Length is > 0 and <= MaxLine && new EmailAddressAttribute().IsValid(text) && text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        errors[field] = "Zadejte e-mailovou adresu, např. podatelna@studenka.cz.";
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateKey();

    [GeneratedRegex("^[0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ico();

    [GeneratedRegex("^[a-z0-9]{7}$", RegexOptions.CultureInvariant)]
    private static partial Regex DataBox();
}
