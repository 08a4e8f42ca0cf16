using System.Globalization;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>
/// The one text format for reminder offsets, in a page's <c>smsReminders</c> property and in
/// configuration alike: entries separated by commas, semicolons or new lines, each either
/// <c>Nd@HH:mm</c> (N days before, at that local time in Europe/Prague: <c>1d@09:00</c> = the day
/// before at 09:00) or a duration before the start (<c>2h</c>, <c>30m</c>, <c>1h30m</c>).
/// A lone <c>-</c> means "no reminders"; blank means "the document type's defaults".
/// </summary>
public static partial class ReminderOffsetsFormat
{
    public const string None = "-";

    /// <summary>At most this many reminders per page: each is an SMS to every subscriber of the area.</summary>
    public const int MaxOffsets = 5;

    [GeneratedRegex(@"^(?<days>\d{1,2})d@(?<time>\d{1,2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysAt();

    [GeneratedRegex(@"^(?:(?<hours>\d{1,3})h)?(?:(?<minutes>\d{1,4})m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    /// <summary>The offsets, or a Czech error naming the entry that is wrong; null offsets with no error = blank (use defaults).</summary>
    public static (IReadOnlyList<ReminderOffset>? Offsets, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        if (text.Trim() == None)
        {
            return ([], null);
        }

        var offsets = new List<ReminderOffset>();
        foreach (var raw in text.Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = raw.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
            if (DaysAt().Match(entry) is { Success: true } daysAt)
            {
                var days = int.Parse(daysAt.Groups["days"].Value, CultureInfo.InvariantCulture);
                if (days is < 1 or > 30)
                {
                    return (null, $"Připomínka „{raw}“: počet dní předem musí být 1 až 30.");
                }

                if (!TimeOnly.TryParseExact(daysAt.Groups["time"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    return (null, $"Připomínka „{raw}“: čas musí být HH:mm, např. 09:00.");
                }

                offsets.Add(ReminderOffset.DayBeforeAt(days, at));
            }
            else if (Duration().Match(entry) is { Success: true } duration && entry.Length > 0)
            {
                var before = TimeSpan.FromHours(Number(duration, "hours")) + TimeSpan.FromMinutes(Number(duration, "minutes"));
                if (before < TimeSpan.FromMinutes(5) || before > TimeSpan.FromDays(30))
                {
                    return (null, $"Připomínka „{raw}“: doba před začátkem musí být 5 minut až 30 dní.");
                }

                offsets.Add(ReminderOffset.BeforeStart(before));
            }
            else
            {
                return (null, $"Připomínka „{raw}“ nemá správný tvar. Pište např. „1d@09:00“ (den předem v 9:00) nebo „2h“ (2 hodiny před začátkem), více oddělte čárkou; „-“ = žádné připomínky.");
            }
        }

        if (offsets.Count > MaxOffsets)
        {
            return (null, $"Stránka smí mít nejvýše {MaxOffsets} připomínek.");
        }

        return (offsets.Distinct().ToList(), null);
    }

    /// <summary>The offset as <see cref="Parse"/> reads it (for hashes and the SMS view).</summary>
    public static string Format(ReminderOffset offset) => offset switch
    {
        { DaysBefore: { } days, AtLocalTime: { } at } => string.Create(CultureInfo.InvariantCulture, $"{days}d@{at:HH\\:mm}"),
        { Before: { } before } => (before.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)before.TotalHours}h") : "")
            + (before.Minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{before.Minutes}m") : ""),
        _ => "?",
    };

    private static int Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
