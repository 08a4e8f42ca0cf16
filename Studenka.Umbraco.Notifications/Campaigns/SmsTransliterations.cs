using System.Collections.Frozen;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>Replacements for characters that decomposition alone cannot bring into GSM-7.</summary>
internal static class SmsTransliterations
{
    public static readonly FrozenDictionary<char, string> Punctuation = new Dictionary<char, string>
    {
        ['„'] = "\"",
        ['“'] = "\"",
        ['”'] = "\"",
        ['«'] = "\"",
        ['»'] = "\"",
        ['‚'] = "'",
        ['‘'] = "'",
        ['’'] = "'",
        ['`'] = "'",
        ['´'] = "'",
        ['‐'] = "-",
        ['‑'] = "-",
        ['–'] = "-",
        ['—'] = "-",
        ['−'] = "-",
        ['…'] = "...",
        ['\u00A0'] = " ",
        ['\u2009'] = " ",
        ['\u202F'] = " ",
        ['\t'] = " ",
        ['•'] = "-",
    }.ToFrozenDictionary();

    // Keyed by the text left after combining marks are stripped (ç is already "c" by then).
    public static readonly FrozenDictionary<string, string> Letters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ł"] = "l",
        ["Ł"] = "L",
        ["đ"] = "d",
        ["Đ"] = "D",
        ["œ"] = "oe",
        ["Œ"] = "OE",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
