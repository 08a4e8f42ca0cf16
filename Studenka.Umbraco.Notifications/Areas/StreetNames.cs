using System.Globalization;
using System.Text;

namespace Studenka.Umbraco.Notifications.Areas;

/// <summary>
/// Street names compared the way people write them: "nám. Republiky", "Náměstí  republiky" and
/// "namesti Republiky" are one street. Used to match seed streets and residents' free-text entries
/// to the register's streets; never to change a name that is shown.
/// </summary>
public static class StreetNames
{
    // The abbreviations street signs and letters use, by their form without diacritics and dot.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["nam"] = "namesti",
        ["tr"] = "trida",
        ["gen"] = "generala",
        ["sidl"] = "sidliste",
    };

    /// <summary>The comparison key of a name: no case, diacritics, dots or extra spaces; abbreviations written out; a leading "ul."/"ulice" dropped.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c == '.' ? ' ' : char.ToLowerInvariant(c));
            }
        }

        var words = plain.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Abbreviations.GetValueOrDefault(w, w))
            .ToList();
        if (words.Count > 1 && words[0] is "ul" or "ulice")
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    /// <summary>A name as a resident typed it, tidied for storing: NFC, single spaces, no edges.</summary>
    public static string Tidy(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
