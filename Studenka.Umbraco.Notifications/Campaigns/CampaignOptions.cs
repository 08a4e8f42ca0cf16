using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>Section <c>Studenka:Campaigns</c>.</summary>
public sealed class CampaignOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Campaigns";

    /// <summary>Price of one SMS segment in CZK, for the cost shown before sending.</summary>
    [Range(0, 100)]
    public decimal PricePerSegmentCzk { get; set; } = 0.90m;

    /// <summary>Longest text accepted, in segments per recipient.</summary>
    [Range(1, 10)]
    public int MaxSegments { get; set; } = 10;

    /// <summary>How far ahead a campaign may be scheduled, in days; a later time is refused with 400.</summary>
    [Range(1, 3650)]
    public int MaxScheduleAheadDays { get; set; } = 365;

    /// <summary>
    /// Quiet hours per package id, in the town's local time ("21:00" to "07:00"). A package
    /// missing here (crisis, 1) has none. Keys are package ids as strings because configuration keys are strings.
    /// </summary>
    public Dictionary<string, QuietHoursWindow> QuietHours { get; set; } = new()
    {
        ["2"] = new() { Start = "21:00", End = "07:00" },
        ["3"] = new() { Start = "21:00", End = "07:00" },
        ["4"] = new() { Start = "21:00", End = "07:00" },
    };

    /// <summary>
    /// Prefilled texts the compose screen offers, by key; the four crisis ones by default. Configuration
    /// adds templates (or changes one by its key, e.g. <c>Studenka:Campaigns:Templates:flood:Text</c>).
    /// Text in [brackets] is for the operator to fill in.
    /// </summary>
    public Dictionary<string, CampaignTemplate> Templates { get; set; } = new(StringComparer.Ordinal)
    {
        ["flood"] = new()
        {
            Name = "Povodeň",
            Text = "POVODEŇ: hladina Odry stoupá, v ulici [ulice] hrozí zaplavení. Přesuňte auta a cennosti výš, připravte se na odchod a sledujte pokyny města. Město Studénka",
        },
        ["water-outage"] = new()
        {
            Name = "Výpadek vody",
            Text = "Havárie vodovodu: v ulici [ulice] nepoteče voda od [čas] do [čas]. Cisterna s pitnou vodou stojí u [místo]. Město Studénka",
        },
        ["chemical-leak"] = new()
        {
            Name = "Únik chemické látky",
            Text = "ÚNIK NEBEZPEČNÉ LÁTKY u [místo]: zůstaňte uvnitř, zavřete okna a vypněte větrání. Nevycházejte do odvolání. Město Studénka",
        },
        ["road-closure"] = new()
        {
            Name = "Uzavírka silnice",
            Text = "Uzavírka: ulice [ulice] je od [čas] neprůjezdná. Objížďka vede přes [trasa]. Děkujeme za pochopení. Město Studénka",
        },
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in QuietHours.Keys)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var package) || package is < 1 or > 4)
            {
                yield return new ValidationResult($"Studenka:Campaigns:QuietHours:{key}: the key must be a message package 1–4.", [nameof(QuietHours)]);
            }
        }

        foreach (var (key, template) in Templates)
        {
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(template.Name) || string.IsNullOrWhiteSpace(template.Text))
            {
                yield return new ValidationResult($"Studenka:Campaigns:Templates:{key} needs a Name and a Text.", [nameof(Templates)]);
            }

            if (template.Package is < 1 or > 4)
            {
                yield return new ValidationResult($"Studenka:Campaigns:Templates:{key}:Package must be a message package 1–4.", [nameof(Templates)]);
            }
        }
    }
}

/// <summary>A prefilled campaign text; crisis (package 1) unless configured otherwise.</summary>
public sealed class CampaignTemplate
{
    public string Name { get; set; } = "";

    public int Package { get; set; } = 1;

    public string Text { get; set; } = "";
}

public sealed class QuietHoursWindow
{
    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string Start { get; set; } = "21:00";

    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string End { get; set; } = "07:00";
}
