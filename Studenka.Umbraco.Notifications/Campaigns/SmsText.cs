using System.Buffers;
using System.Globalization;
using System.Text;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// What of a campaign text may reach a phone. Control and format characters are invisible in the
/// editor but not on the phone: NUL ends or garbles the text on some handsets, bidi overrides
/// (U+202A–U+202E, U+2066–U+2069) reorder what a resident reads (a "Trojan source" text), and
/// zero-width characters pasted from Word or a web page force UCS-2, halving what fits in an SMS.
/// They are stripped, not refused: the preview shows the text as it will go, and refusing a text
/// for a character nobody can see would leave the operator nothing to fix.
/// </summary>
public static class SmsText
{
    // Blank letters and symbols that render as nothing (Hangul fillers, the braille blank).
    private static readonly SearchValues<char> BlankGlyphs = SearchValues.Create("\u115F\u1160\u3164\uFFA0\u2800");

    /// <summary>
    /// Removes every control character except tab and line breaks, every format character except the
    /// zero-width joiner (it holds emoji such as 👨‍👩‍👧 together), and unpaired surrogates (not text at all).
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        var changed = false;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            if (status == OperationStatus.Done && Keeps(rune))
            {
                builder.Append(rest[..consumed]);
            }
            else
            {
                changed = true;
            }

            rest = rest[consumed..];
        }

        return changed ? builder.ToString() : text;
    }

    /// <summary>True when a reader would see anything: not only whitespace, marks and invisible characters.</summary>
    public static bool HasVisibleContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !IsInvisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Keeps(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control => rune.Value is '\t' or '\n' or '\r',
        UnicodeCategory.Format => rune.Value == 0x200D,
        _ => true,
    };

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
        || (rune.IsBmp && BlankGlyphs.Contains((char)rune.Value));
}
