using System.Globalization;
using System.Text.RegularExpressions;

namespace Studenka.Umbraco.Notifications.Areas;

/// <summary>The kinds of číslo domovní RÚIAN knows, as stored.</summary>
public static class BuildingNumberKinds
{
    /// <summary>Číslo popisné (RÚIAN "č.p.").</summary>
    public const string Popisne = "cp";

    /// <summary>Číslo evidenční (RÚIAN "č.ev."), e.g. cottages and garages.</summary>
    public const string Evidencni = "ce";
}

/// <summary>
/// A house number as Czech addresses write it: číslo popisné or evidenční (the building's number
/// within the city part), číslo orientační with an optional letter (the number on the street), or both
/// as <c>1234/5a</c>. <see cref="Canonical"/> is what is stored and shown; the parts are kept so the
/// number can be checked against the register's address points.
/// </summary>
/// <param name="Kind">
/// <see cref="BuildingNumberKinds.Popisne"/>, <see cref="BuildingNumberKinds.Evidencni"/>, or null when the
/// resident typed a bare number (which may be either the číslo popisné or the číslo orientační).
/// </param>
public sealed partial record HouseNumber(string Canonical, string? Kind, int? Building, int? Orientation, string? OrientationLetter)
{
    public const int MaxInputLength = 30;
    public const int MaxBuilding = 99_999;
    public const int MaxOrientation = 9_999;

    public const string FormatHint = "762, 1234/5a, č. p. 762, č. ev. 5 nebo č. o. 12a";

    /// <summary>Reads what a resident typed; null when it is not a house number.</summary>
    public static HouseNumber? Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
        {
            return null;
        }

        // Prefixes are compared without the háček, so "cp 12" and "č.p. 12" read the same.
        var text = input.Trim().ToLowerInvariant().Replace('č', 'c');
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var kind = KindOf(match.Groups["kind"].Value);
        var first = Number(match.Groups["first"].Value);
        var firstLetter = Letter(match.Groups["firstLetter"]);
        var second = match.Groups["second"].Success ? Number(match.Groups["second"].Value) : null;
        var secondLetter = Letter(match.Groups["secondLetter"]);
        return kind switch
        {
            // A building number never carries a letter; "č. p. 12a" is a typo for 12/… or č. o. 12a.
            BuildingNumberKinds.Popisne or BuildingNumberKinds.Evidencni when firstLetter is null => WithBuilding(kind, first, second, secondLetter),
            Orientational when second is null => OrientationOnly(first, firstLetter),
            "" when second is not null && firstLetter is null => WithBuilding(BuildingNumberKinds.Popisne, first, second, secondLetter),
            "" when second is null && firstLetter is not null => OrientationOnly(first, firstLetter),
            "" when second is null => first is > 0 and <= MaxBuilding ? new(Text(first.Value), null, first, null, null) : null,
            _ => null,
        };
    }

    private const string Orientational = "co";

    private static HouseNumber? WithBuilding(string kind, int? building, int? orientation, string? letter)
    {
        if (building is not (> 0 and <= MaxBuilding) || (orientation is not null && orientation is not (> 0 and <= MaxOrientation)))
        {
            return null;
        }

        var suffix = orientation is null ? string.Empty : $"/{Text(orientation.Value)}{letter}";
        var canonical = kind == BuildingNumberKinds.Evidencni
            ? $"č. ev. {Text(building.Value)}{suffix}"
            : orientation is null ? $"č. p. {Text(building.Value)}" : $"{Text(building.Value)}{suffix}";
        return new(canonical, kind, building, orientation, orientation is null ? null : letter);
    }

    private static HouseNumber? OrientationOnly(int? orientation, string? letter) =>
        orientation is > 0 and <= MaxOrientation ? new($"č. o. {Text(orientation.Value)}{letter}", null, null, orientation, letter) : null;

    private static string KindOf(string prefix) => prefix switch
    {
        "" => "",
        _ when prefix.Contains('p', StringComparison.Ordinal) => BuildingNumberKinds.Popisne,
        _ when prefix.Contains('e', StringComparison.Ordinal) => BuildingNumberKinds.Evidencni,
        _ => Orientational,
    };

    private static int? Number(string digits) =>
        digits.Length <= 6 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Letter(Group group) => group.Success ? group.Value : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Prefixes: č.p. / čp / č. p.; č.ev. / č. ev. / čev / ev. č. / ev.č. / evid. č. / e. č. / č. e.; č.o. / čo.
    [GeneratedRegex("""
        ^(?:(?<kind>c\.?\s*p\.?|c\.?\s*ev?\.?|ev(?:id)?\.?\s*c\.?|e\.\s*c\.?|c\.?\s*o\.?)\s*)?
        (?<first>[0-9]+)\s*(?<firstLetter>[a-z])?
        (?:\s*/\s*(?<second>[0-9]+)\s*(?<secondLetter>[a-z])?)?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
