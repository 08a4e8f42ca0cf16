using System.Globalization;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>The rules of a campaign, with the Czech message an operator sees per field (keys as in the JSON).</summary>
public static class CampaignValidator
{
    public const int MaxUrlLength = 2048;

    /// <summary>Operator's and server's clocks disagree a little; "now" typed a moment ago is not the past.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static (ValidCampaign? Campaign, IReadOnlyDictionary<string, string> Errors) Validate(
        CampaignDraft draft, AreaCatalog areas, CampaignOptions options, TownCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        ValidatePackage(draft.PackageId, errors);
        var (parts, streets) = ValidateAreas(draft, areas, errors);
        var diacritics = ParseDiacritics(draft.Diacritics, errors);
        var (text, sms) = ValidateText(draft.Text, diacritics, options.MaxSegments, errors);
        var requestedAt = ValidateSendAt(draft.Schedule?.SendAt, "schedule.sendAt", options, calendar, now, errors);
        var (source, key, url) = ValidateSource(draft.Source, errors);
        var originator = ValidateOriginator(draft.Originator, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var audience = new CampaignAudience(draft.PackageId!.Value, parts, streets);
        return (new ValidCampaign(audience, text!, diacritics, sms!, source, key, url, draft.Schedule is not null, requestedAt, originator), errors);
    }

    /// <summary>A time to schedule an existing campaign for (see <see cref="SendTime"/>); null = now.</summary>
    public static (DateTimeOffset? SendAt, IReadOnlyDictionary<string, string> Errors) ValidateSendAt(
        string? sendAt, CampaignOptions options, TownCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        return (ValidateSendAt(sendAt, "sendAt", options, calendar, now, errors), errors);
    }

    public const string OriginatorMessage =
        "Odesílatel smí mít nejvýše 11 písmen bez diakritiky (A–Z) a číslic (slova oddělená jednou mezerou), nebo být telefonní číslo do 17 číslic.";

    private const string InvisibleTextMessage =
        "Text zprávy neobsahuje nic viditelného (jen mezery nebo neviditelné znaky). Napište, co mají občané dostat.";

    private const string PastMessage = "Čas odeslání je v minulosti. Zvolte budoucí čas, nebo odešlete hned.";

    /// <summary>The longest part of a long SMS (GSM-7; UCS-2 parts are shorter): no text of more characters fits.</summary>
    private const int LongestPart = 153;

    private static void ValidatePackage(int? packageId, Dictionary<string, string> errors)
    {
        switch (packageId)
        {
            case null:
                errors["packageId"] = "Vyberte balíček zpráv (1–4).";
                break;
            case TopicPackages.Everything:
                errors["packageId"] = "Balíček 5 „Vše“ volí odběratelé; zpráva patří do jednoho z balíčků 1–4 (odběratelé balíčku 5 ji dostanou také).";
                break;
            case < 1 or > 4:
                errors["packageId"] = $"Balíček zpráv {packageId} neexistuje. Vyberte balíček 1–4.";
                break;
        }
    }

    private static (IReadOnlyList<long> Parts, IReadOnlyList<long> Streets) ValidateAreas(CampaignDraft draft, AreaCatalog areas, Dictionary<string, string> errors)
    {
        var parts = (draft.CityPartIds ?? []).Distinct().ToList();
        var streets = (draft.StreetIds ?? []).Distinct().ToList();
        var unknownParts = parts.Where(id => areas.FindPart(id) is null).ToList();
        if (unknownParts.Count > 0)
        {
            errors["cityPartIds"] = $"Část obce s id {string.Join(", ", unknownParts)} neexistuje.";
        }

        // The catalog holds active streets only, so a retired street is refused like an unknown one.
        var activeStreets = areas.Parts.SelectMany(p => p.Streets).Select(s => s.Id).ToHashSet();
        var unknownStreets = streets.Where(id => !activeStreets.Contains(id)).ToList();
        if (unknownStreets.Count > 0)
        {
            errors["streetIds"] = $"Ulice s id {string.Join(", ", unknownStreets)} neexistuje nebo už není platná.";
        }

        return (parts, streets);
    }

    /// <summary>Blank means the configured default; anything else must pass the same rule as the configured one.</summary>
    private static string? ValidateOriginator(string? originator, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(originator))
        {
            return null;
        }

        if (!Originators.IsValid(originator))
        {
            errors["originator"] = OriginatorMessage;
        }

        return originator;
    }

    private static DiacriticsChoice ParseDiacritics(string? value, Dictionary<string, string> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "keep":
                return DiacriticsChoice.Keep;
            case "transliterate":
                return DiacriticsChoice.Transliterate;
            default:
                errors["diacritics"] = "Zvolte „keep“ (ponechat diakritiku) nebo „transliterate“ (poslat bez diakritiky).";
                return DiacriticsChoice.Keep;
        }
    }

    /// <summary>The text as it will be stored and sent (see <see cref="SmsText"/>), and its segments.</summary>
    private static (string? Text, SmsPreview? Sms) ValidateText(string? text, DiacriticsChoice diacritics, int maxSegments, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = "Text zprávy je prázdný. Napište, co mají občané dostat.";
            return (null, null);
        }

        // Before anything that walks the text: a pasted megabyte is refused by its length at once
        // instead of being cleaned, transliterated and segmented first (20 MB took 10 s).
        var longest = maxSegments * LongestPart;
        if (text.Length > longest)
        {
            errors["text"] = string.Create(CultureInfo.InvariantCulture,
                $"Text je příliš dlouhý: {text.Length} znaků, nejvýše {longest} (tolik se vejde do {maxSegments} SMS bez diakritiky, s diakritikou méně). Zkraťte ho.");
            return (null, null);
        }

        text = SmsText.Clean(text);
        if (!SmsText.HasVisibleContent(text))
        {
            errors["text"] = InvisibleTextMessage;
            return (null, null);
        }

        var sms = SmsSegments.Preview(text, diacritics);
        if (sms.Count.Segments > maxSegments)
        {
            var hint = sms.Count.Encoding == SmsEncoding.Ucs2 ? " nebo ho pošlete bez diakritiky" : string.Empty;
            errors["text"] = $"Text je příliš dlouhý: {sms.Count.Segments} SMS na příjemce, povoleno nejvýše {maxSegments}. Zkraťte ho{hint}.";
        }

        return (text, sms);
    }

    /// <summary>
    /// Not in the past, and not further ahead than <see cref="CampaignOptions.MaxScheduleAheadDays"/>:
    /// a year typed wrong (2062) would otherwise wait for decades, and near year 9999 the quiet hours' window end does not exist.
    /// </summary>
    private static DateTimeOffset? ValidateSendAt(string? value, string field, CampaignOptions options, TownCalendar calendar, DateTimeOffset now, Dictionary<string, string> errors)
    {
        var (sendAt, error) = SendTime.Parse(value, calendar);
        if (error is null && sendAt < now - ClockSkew)
        {
            error = PastMessage;
        }
        else if (error is null && sendAt - now > TimeSpan.FromDays(options.MaxScheduleAheadDays))
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"Čas odeslání je příliš daleko: kampaň lze naplánovat nejvýše {options.MaxScheduleAheadDays} dní dopředu.");
        }

        if (error is not null)
        {
            errors[field] = error;
        }

        return sendAt;
    }

    private static (string Source, Guid? Key, string? Url) ValidateSource(CampaignSourceInput? source, Dictionary<string, string> errors)
    {
        switch (source?.Kind?.Trim().ToLowerInvariant())
        {
            case null or "" or "manual":
                return ("manual", null, null);
            case "content":
                break;
            default:
                errors["source.kind"] = "Zdroj kampaně je „manual“ (ruční) nebo „content“ (stránka webu).";
                return ("manual", null, null);
        }

        if (source.ContentKey is not { } key || key == Guid.Empty)
        {
            errors["source.contentKey"] = "Chybí klíč stránky, ze které kampaň vychází.";
        }

        var url = source.ContentUrl?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            errors["source.contentUrl"] = "Chybí adresa stránky, ze které kampaň vychází.";
        }
        else if (url.Length > MaxUrlLength)
        {
            errors["source.contentUrl"] = $"Adresa stránky je příliš dlouhá (nejvýše {MaxUrlLength} znaků).";
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors["source.contentUrl"] = "Adresa stránky musí být úplná a začínat http:// nebo https://.";
        }

        return ("content", source.ContentKey, url);
    }
}
