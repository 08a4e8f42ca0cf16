using System.Globalization;
using System.Text.Json.Serialization;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Site.Content;

/// <summary>
/// The body of <c>POST pages</c> and <c>PUT pages/{key}</c>. Text where a value is parsed here, so a bad
/// one gets its own Czech sentence rather than the JSON reader's; <c>eventStart</c> is the town's wall time, no offset.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PageRequest(
    string? DocumentType,
    string? Title,
    string? Body,
    string? EventStart,
    string? Place,
    bool? SmsEnabled,
    string? SmsText,
    int? PackageId,
    long[]? CityPartIds,
    long[]? StreetIds,
    string? Reminders);

/// <summary>A checked request: the content to store, or the Czech problem per field, or the role's refusal of the package.</summary>
public sealed record PageInputResult(PageContent? Content, IReadOnlyDictionary<string, string> Errors, string? Forbidden)
{
    public string DocumentType { get; init; } = "";
}

/// <summary>The rules of a page's values, for the API and again at publish (areas can disappear with an address import).</summary>
public static class PageInput
{
    public const int MaxTitle = 200;
    public const int MaxPlace = 200;
    public const int MaxBody = 20_000;
    public const int MaxSmsText = 1_000;

    private static readonly string[] StartFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static PageInputResult Check(PageRequest request, AreaCatalog catalog, OperatorPermissions permissions, string? existingType = null)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var type = request.DocumentType?.Trim();
        if (!SiteDocumentTypes.IsKnown(type))
        {
            errors["documentType"] = "Typ stránky je „eventPage“ (akce) nebo „newsPage“ (aktualita).";
        }
        else if (existingType is not null && type != existingType)
        {
            errors["documentType"] = "Typ stránky nelze změnit; založte novou stránku.";
        }

        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["title"] = "Vyplňte název stránky.";
        }
        else if (title.Length > MaxTitle)
        {
            errors["title"] = $"Název smí mít nejvýše {MaxTitle} znaků.";
        }

        var body = request.Body?.Trim() ?? "";
        if (body.Length > MaxBody)
        {
            errors["body"] = $"Text stránky smí mít nejvýše {MaxBody} znaků.";
        }

        var place = Blank(request.Place);
        if (place?.Length > MaxPlace)
        {
            errors["place"] = $"Místo smí mít nejvýše {MaxPlace} znaků.";
        }

        DateTime? start = null;
        if (type == SiteDocumentTypes.Event)
        {
            if (Blank(request.EventStart) is not { } text)
            {
                errors["eventStart"] = "Akce potřebuje datum a čas začátku.";
            }
            else if (DateTime.TryParseExact(text, StartFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                start = parsed;
            }
            else
            {
                errors["eventStart"] = $"„{text}“ není datum a čas začátku; pište např. 2026-12-12T18:00 (místní čas).";
            }
        }

        var smsText = Blank(request.SmsText);
        if (smsText?.Length > MaxSmsText)
        {
            errors["smsText"] = $"Text SMS smí mít nejvýše {MaxSmsText} znaků.";
        }

        var smsEnabled = request.SmsEnabled ?? false;
        if (request.PackageId is { } package && package is < 1 or > 4)
        {
            errors["packageId"] = "Balíček zpráv je číslo 1 až 4.";
        }
        else if (smsEnabled && request.PackageId is null)
        {
            errors["packageId"] = "Se zapnutou SMS zvolte balíček zpráv 1 až 4.";
        }

        var parts = (request.CityPartIds ?? []).Distinct().Order().ToList();
        var streets = (request.StreetIds ?? []).Distinct().Order().ToList();
        if (AreaProblems(parts, streets, catalog) is { } areaErrors)
        {
            foreach (var (field, message) in areaErrors)
            {
                errors[field] = message;
            }
        }

        var reminders = request.Reminders?.Trim();
        if (!string.IsNullOrEmpty(reminders) && ReminderOffsetsFormat.Parse(reminders).Error is { } reminderError)
        {
            errors["reminders"] = reminderError;
        }

        if (errors.Count > 0)
        {
            return new PageInputResult(null, errors, null);
        }

        // A package the role may not send is refused even with SMS off: switching it on needs no other right.
        if (request.PackageId is { } chosen && !permissions.MaySend(chosen))
        {
            return new PageInputResult(null, errors, permissions.PackageRefusal(chosen));
        }

        return new PageInputResult(new PageContent(title, body, start, place, smsEnabled, smsText, request.PackageId, parts, streets, reminders), errors, null)
        {
            DocumentType = type!,
        };
    }

    /// <summary>Ids the town's address catalog does not know, one Czech sentence per field; null when all are known.</summary>
    public static IReadOnlyDictionary<string, string>? AreaProblems(IReadOnlyList<long> parts, IReadOnlyList<long> streets, AreaCatalog catalog)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknownParts = parts.Where(id => catalog.Parts.All(p => p.Part.Id != id)).ToList();
        if (unknownParts.Count > 0)
        {
            errors["cityPartIds"] = $"Městská část s číslem {string.Join(", ", unknownParts)} neexistuje.";
        }

        var unknownStreets = streets.Where(id => !catalog.Parts.Any(p => p.Streets.Any(s => s.Id == id))).ToList();
        if (unknownStreets.Count > 0)
        {
            errors["streetIds"] = $"Ulice s číslem {string.Join(", ", unknownStreets)} neexistuje (nebo už není v adresách města).";
        }

        return errors.Count > 0 ? errors : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
