using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>
/// Section <c>Studenka:Editors</c>: which document types announce themselves by SMS when published,
/// which of their properties hold the SMS values, the texts and the reminders. Validated at start.
/// </summary>
public sealed class EditorOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Editors";

    /// <summary>The culture whose values a culture-variant page sends (other cultures send nothing); also the date format.</summary>
    [Required]
    public string Culture { get; set; } = "cs-CZ";

    /// <summary>
    /// "scheduled" (default): publishing schedules the SMS at once (or at the end of the package's quiet
    /// hours); "draft": it waits in the page's SMS view for "Odeslat hned".
    /// </summary>
    [RegularExpression("^(scheduled|draft)$")]
    public string CreateAs { get; set; } = "scheduled";

    public EditorPropertyAliases Properties { get; set; } = new();

    /// <summary>The document types that announce themselves, by alias.</summary>
    public Dictionary<string, EditorDocumentType> DocumentTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eventPage"] = new()
        {
            Template = "{title}: {date} v {time}, {place}. Více na {url}",
            Reminders = ["1d@09:00"],
            PackageReminders = new(StringComparer.Ordinal) { ["4"] = ["1d@09:00", "2h"] },
        },
        ["newsPage"] = new() { Template = "{title}. Více na {url}" },
    };

    /// <summary>The text of a reminder SMS (same placeholders).</summary>
    [Required]
    public string ReminderTemplate { get; set; } = "Připomínáme: {title} {date} v {time}, {place}. {url}";

    public EditorDocumentType? DocumentType(string alias) => DocumentTypes.GetValueOrDefault(alias);

    /// <summary>The default reminders of a page of <paramref name="documentType"/> in <paramref name="packageId"/> (the package's own list wins).</summary>
    public IReadOnlyList<ReminderOffset> DefaultOffsets(EditorDocumentType documentType, int packageId)
    {
        var entries = documentType.PackageReminders.GetValueOrDefault(packageId.ToString(CultureInfo.InvariantCulture)) ?? documentType.Reminders;
        return ReminderOffsetsFormat.Parse(string.Join(',', entries)).Offsets ?? [];
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsCulture(Culture))
        {
            yield return new ValidationResult($"{SectionName}:Culture: '{Culture}' is not a culture name such as cs-CZ.", [nameof(Culture)]);
        }

        if (DocumentTypes.Count == 0)
        {
            yield return new ValidationResult($"{SectionName}:DocumentTypes: name at least one document type (e.g. eventPage).", [nameof(DocumentTypes)]);
        }

        foreach (var (alias, documentType) in DocumentTypes)
        {
            if (string.IsNullOrWhiteSpace(alias) || string.IsNullOrWhiteSpace(documentType.Template))
            {
                yield return new ValidationResult($"{SectionName}:DocumentTypes:{alias} needs an alias and a Template.", [nameof(DocumentTypes)]);
            }

            foreach (var (package, entries) in documentType.PackageReminders.Select(p => (p.Key, p.Value)).Prepend(("", documentType.Reminders)))
            {
                var where = package.Length == 0 ? "Reminders" : $"PackageReminders:{package}";
                if (package.Length > 0 && !(int.TryParse(package, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is >= 1 and <= 4))
                {
                    yield return new ValidationResult($"{SectionName}:DocumentTypes:{alias}:{where}: the key must be a message package 1–4.", [nameof(DocumentTypes)]);
                }
                else if (ReminderOffsetsFormat.Parse(string.Join(',', entries)).Error is { } error)
                {
                    yield return new ValidationResult($"{SectionName}:DocumentTypes:{alias}:{where}: {error}", [nameof(DocumentTypes)]);
                }
            }
        }

        foreach (var (name, value) in Properties.All())
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"{SectionName}:Properties:{name} must name a property alias.", [nameof(Properties)]);
            }
        }
    }

    private static bool IsCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return !CultureInfo.GetCultureInfo(name, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>A document type that announces itself: its default SMS text and reminders (in <see cref="ReminderOffsetsFormat"/>).</summary>
public sealed class EditorDocumentType
{
    /// <summary>Used when the page's own SMS text is blank; placeholders {title}, {date}, {time}, {place}, {url}.</summary>
    public string Template { get; set; } = "";

    /// <summary>Default reminders of an event page of this type, when its own <c>smsReminders</c> is blank.</summary>
    public List<string> Reminders { get; set; } = [];

    /// <summary>Default reminders by package id ("4"), instead of <see cref="Reminders"/>.</summary>
    public Dictionary<string, List<string>> PackageReminders { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The property aliases the SMS values are read from.</summary>
public sealed class EditorPropertyAliases
{
    public string SmsEnabled { get; set; } = "smsEnabled";

    public string SmsText { get; set; } = "smsText";

    public string SmsPackage { get; set; } = "smsPackage";

    public string SmsAreas { get; set; } = "smsAreas";

    public string EventStart { get; set; } = "eventStart";

    public string EventLocation { get; set; } = "eventLocation";

    public string SmsReminders { get; set; } = "smsReminders";

    internal IEnumerable<(string Name, string Value)> All() =>
    [
        (nameof(SmsEnabled), SmsEnabled), (nameof(SmsText), SmsText), (nameof(SmsPackage), SmsPackage), (nameof(SmsAreas), SmsAreas),
        (nameof(EventStart), EventStart), (nameof(EventLocation), EventLocation), (nameof(SmsReminders), SmsReminders),
    ];
}
