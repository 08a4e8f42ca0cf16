using System.Globalization;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Scheduling;

/// <summary>
/// Reads the time an operator asks a campaign to go at (ISO 8601). With an offset or "Z" it is
/// that instant. Without one it is what the town's clocks will show, daylight saving included:
/// an operator typing 08:00 means eight in the town, not in UTC or on the server. A wall time the
/// spring switch skips is refused (nobody can say which instant was meant); one the autumn switch
/// shows twice is its first occurrence, the same rule <see cref="TownCalendar.FromLocal"/> follows.
/// </summary>
public static partial class SendTime
{
    public const string FormatMessage =
        "Čas odeslání zadejte ve formátu ISO 8601: místní čas, např. 2026-12-01T09:00, nebo čas s posunem, např. 2026-12-01T09:00:00+01:00.";

    /// <summary>The instant asked for (null = now, or a message for the operator).</summary>
    public static (DateTimeOffset? Instant, string? Error) Parse(string? value, TownCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var text = value.Trim();
        var match = Iso().Match(text);
        if (!match.Success)
        {
            return (null, FormatMessage);
        }

        if (match.Groups["offset"].Success)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                ? (instant, null)
                : (null, FormatMessage);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (null, FormatMessage);
        }

        // The calendar's first and last day leave no room for the zone's offset; the horizon and
        // "in the past" rules answer such times, so they only need to be on the right side.
        if (local.Year == DateTime.MinValue.Year)
        {
            return (DateTimeOffset.MinValue, null);
        }

        if (local.Year == DateTime.MaxValue.Year)
        {
            return (DateTimeOffset.MaxValue, null);
        }

        var town = calendar.FromLocal(local);
        return calendar.ToLocal(town).DateTime == local
            ? (town, null)
            : (null, string.Create(CultureInfo.InvariantCulture,
                $"Čas {local:H:mm} dne {local:d. M. yyyy} v místním čase neexistuje: hodiny se při přechodu na letní čas posouvají ze 2:00 rovnou na 3:00. Zvolte jiný čas."));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
