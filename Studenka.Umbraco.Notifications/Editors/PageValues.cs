using System.Globalization;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Subscriptions;
using Umbraco.Cms.Core.Models;
using Umbraco.Extensions;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>What a published page says about its SMS, read and checked (<see cref="PageValuesReader"/>).</summary>
/// <param name="Culture">The culture read, or null for an invariant page.</param>
/// <param name="Offsets">Null = the document type's defaults.</param>
public sealed record PageValues(
    Guid ContentKey,
    string DocumentType,
    string? Culture,
    string Title,
    bool SmsEnabled,
    string? SmsText,
    int PackageId,
    IReadOnlyList<long> CityPartIds,
    IReadOnlyList<long> StreetIds,
    DateTimeOffset? EventStart,
    string? Place,
    IReadOnlyList<ReminderOffset>? Offsets);

/// <summary>
/// Reads a page's SMS properties from Core's <see cref="IContent"/> (the editor model; the published
/// cache may lag in a publish handler) for the configured culture when the property varies by
/// culture, else invariantly, and checks them. Every bad value becomes one Czech sentence for the log
/// and the page's SMS view; nothing here throws for an editor's input.
/// </summary>
public sealed class PageValuesReader(AreaRepository areas, TownCalendar calendar)
{
    /// <summary>The page's values, or the problem that keeps it from sending.</summary>
    public async Task<(PageValues? Values, string? Problem)> ReadAsync(IContent content, string? culture, EditorPropertyAliases aliases, CancellationToken cancellationToken)
    {
        var enabled = Bool(Value(content, aliases.SmsEnabled, culture));
        var title = (culture is null ? content.Name : content.GetCultureName(culture) ?? content.Name)?.Trim() ?? "";
        var text = Text(Value(content, aliases.SmsText, culture));
        var place = Text(Value(content, aliases.EventLocation, culture));
        if (!enabled)
        {
            return (new PageValues(content.Key, content.ContentType.Alias, culture, title, false, text, 0, [], [], null, place, null), null);
        }

        if (Package(Value(content, aliases.SmsPackage, culture)) is not { } package)
        {
            return (null, $"Vlastnost {aliases.SmsPackage}: zvolte balíček zpráv 1–4 (číslo).");
        }

        var (parts, streets, areaProblem) = await AreasAsync(Text(Value(content, aliases.SmsAreas, culture)), cancellationToken);
        if (areaProblem is not null)
        {
            return (null, $"Vlastnost {aliases.SmsAreas}: {areaProblem}");
        }

        var (start, startProblem) = EventStart(Value(content, aliases.EventStart, culture));
        if (startProblem is not null)
        {
            return (null, $"Vlastnost {aliases.EventStart}: {startProblem}");
        }

        var (offsets, offsetsProblem) = ReminderOffsetsFormat.Parse(Text(Value(content, aliases.SmsReminders, culture)));
        if (offsetsProblem is not null)
        {
            return (null, $"Vlastnost {aliases.SmsReminders}: {offsetsProblem}");
        }

        return (new PageValues(content.Key, content.ContentType.Alias, culture, title, true, text, package, parts, streets, start, place, offsets), null);
    }

    /// <summary>
    /// The edited value (right after a publish it is the one just published). A property that varies by
    /// culture is read in <paramref name="culture"/>; one that does not, invariantly. A missing property is null.
    /// </summary>
    private static object? Value(IContent content, string alias, string? culture)
    {
        if (content.Properties.TryGetValue(alias, out var property) is false || property is null)
        {
            return null;
        }

        return content.GetValue(alias, property.PropertyType.VariesByCulture() ? culture : null);
    }

    private static string? Text(object? value) => value?.ToString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    /// <summary>A true/false property stores 1/0 (or "1", "true").</summary>
    private static bool Bool(object? value) => value switch
    {
        bool b => b,
        int i => i != 0,
        long l => l != 0,
        string s => s.Trim() is "1" or "true" or "True" or "ano",
        _ => false,
    };

    /// <summary>A number, a numeric string, or a dropdown's JSON array with one item (<c>["4"]</c>).</summary>
    private static int? Package(object? value)
    {
        var text = value switch
        {
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => Text(value),
        };
        if (text is not null && text.StartsWith('['))
        {
            text = SingleFromJsonArray(text);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is >= 1 and <= 4 ? id : null;
    }

    private static string? SingleFromJsonArray(string json)
    {
        try
        {
            var items = JsonSerializer.Deserialize<string[]>(json);
            return items is [var one] ? one : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>smsAreas</c>: blank = the whole town; else names separated by commas or new lines, each a city
    /// part ("Butovice": all of it) or "part/street" ("Studénka/Hlavní": one street), compared without
    /// regard to case. Names, not ids: an editor reads them on the sign-up form, and ids differ per site.
    /// </summary>
    private async Task<(IReadOnlyList<long> Parts, IReadOnlyList<long> Streets, string? Problem)> AreasAsync(string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return ([], [], null);
        }

        var catalog = await areas.GetCatalogAsync(cancellationToken);
        var compare = StringComparer.Create(CultureInfo.GetCultureInfo("cs-CZ"), ignoreCase: true);
        var parts = new List<long>();
        var streets = new List<long>();
        foreach (var entry in text.Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var names = entry.Split('/', 2, StringSplitOptions.TrimEntries);
            if (catalog.Parts.FirstOrDefault(p => compare.Equals(p.Part.Name, names[0])) is not { } part)
            {
                return ([], [], $"městská část „{names[0]}“ neexistuje (jsou: {string.Join(", ", catalog.Parts.Select(p => p.Part.Name))}).");
            }

            if (names.Length == 1)
            {
                parts.Add(part.Part.Id);
            }
            else if (part.Streets.FirstOrDefault(s => compare.Equals(s.Name, names[1])) is { } street)
            {
                streets.Add(street.Id);
            }
            else
            {
                return ([], [], $"ulice „{names[1]}“ v části {part.Part.Name} neexistuje.");
            }
        }

        return (parts.Distinct().Order().ToList(), streets.Distinct().Order().ToList(), null);
    }

    /// <summary>
    /// A date picker's value: a <see cref="DateTime"/> (the town's wall time), a <see cref="DateTimeOffset"/>,
    /// or text: ISO 8601 with or without an offset, or Umbraco 17's date-time JSON (<c>{"date": "..."}</c>).
    /// </summary>
    private (DateTimeOffset? Start, string? Problem) EventStart(object? value)
    {
        switch (value)
        {
            case null:
                return (null, null);
            case DateTimeOffset offset:
                return (offset, null);
            case DateTime dateTime:
                return (dateTime.Kind == DateTimeKind.Utc ? new DateTimeOffset(dateTime) : calendar.FromLocal(dateTime), null);
        }

        var text = Text(value);
        if (text is null)
        {
            return (null, null);
        }

        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                text = json.RootElement.TryGetProperty("date", out var date) ? date.GetString() : null;
            }
            catch (JsonException)
            {
                text = null;
            }
        }

        if (text is not null && HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return (withOffset, null);
        }

        if (text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (calendar.FromLocal(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)), null);
        }

        return (null, $"„{value}“ není datum a čas začátku akce.");
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
