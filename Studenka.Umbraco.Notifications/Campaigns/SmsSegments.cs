using System.Globalization;
using System.Text;

namespace Studenka.Umbraco.Notifications.Campaigns;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

public enum DiacriticsChoice
{
    Keep,
    Transliterate,
}

/// <param name="Characters">What a reader counts: text elements (grapheme clusters), so "č" and "😀" are one each.</param>
/// <param name="Units">GSM-7 septets (extension characters count 2) or UTF-16 code units for UCS-2 (emoji count 2).</param>
/// <param name="Segments">SMS parts billed per recipient; 0 for an empty text, which cannot be sent at all.</param>
public sealed record SegmentCount(SmsEncoding Encoding, int Characters, int Units, int Segments);

/// <param name="SentText">The body to hand to the gateway; the count is only true for this text.</param>
public sealed record SmsPreview(string SentText, SegmentCount Count);

/// <summary>
/// Counts SMS segments the way the operator bills them (3GPP TS 23.038/23.040, see
/// docs/messagebird-sms-api.md section 8), so an editor sees the cost of a diacritic before sending.
/// </summary>
public static class SmsSegments
{
    private const int Gsm7Single = 160;
    private const int Gsm7Part = 153;
    private const int Ucs2Single = 70;
    private const int Ucs2Part = 67;

    public static SegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var characters = new StringInfo(text).LengthInTextElements;

        if (GsmAlphabet.ContainsAll(text))
        {
            var septets = text.Select(GsmAlphabet.Septets).ToArray();
            return new SegmentCount(SmsEncoding.Gsm7, characters, septets.Sum(), Segments(septets, Gsm7Single, Gsm7Part));
        }

        var units = Ucs2Units(text);
        return new SegmentCount(SmsEncoding.Ucs2, characters, text.Length, Segments(units, Ucs2Single, Ucs2Part));
    }

    /// <summary>
    /// The text as it will be sent, and its count. Both choices normalise to NFC first: a "č" pasted
    /// in decomposed form (c + combining caron) would otherwise cost two units instead of one.
    /// </summary>
    public static SmsPreview Preview(string text, DiacriticsChoice choice)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sent = choice == DiacriticsChoice.Transliterate
            ? Transliterate(text)
            : text.Normalize(NormalizationForm.FormC);
        return new SmsPreview(sent, Count(sent));
    }

    /// <summary>
    /// Rewrites the text into the GSM-7 alphabet: letters lose their diacritics unless GSM-7 has
    /// them already (é, É, ä, ö, ü, à, è, … cost nothing, so they stay), typographic punctuation
    /// becomes its ASCII form and anything else becomes '?' (one per perceived character).
    /// </summary>
    public static string Transliterate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text.Normalize(NormalizationForm.FormC));
        while (elements.MoveNext())
        {
            builder.Append(TransliterateElement(elements.GetTextElement()));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Exact product, not rounded: the provider bills per segment and rounds its own invoice; a
    /// preview that rounds per message would drift from it on large campaigns.
    /// </summary>
    public static decimal EstimateCost(int segments, int recipients, decimal pricePerSegmentCzk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(segments);
        ArgumentOutOfRangeException.ThrowIfNegative(recipients);
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerSegmentCzk);
        return segments * recipients * pricePerSegmentCzk;
    }

    private static string TransliterateElement(string element)
    {
        if (GsmAlphabet.ContainsAll(element))
        {
            return element;
        }

        if (element.Length == 1 && SmsTransliterations.Punctuation.TryGetValue(element[0], out var punctuation))
        {
            return punctuation;
        }

        var stripped = StripMarks(element);
        if (stripped.Length > 0 && GsmAlphabet.ContainsAll(stripped))
        {
            return stripped;
        }

        return SmsTransliterations.Letters.TryGetValue(stripped, out var letter) ? letter : "?";
    }

    private static string StripMarks(string element)
    {
        var builder = new StringBuilder(element.Length);
        foreach (var c in element.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>UTF-16 units per character; a surrogate pair (emoji) is one indivisible 2-unit item.</summary>
    private static int[] Ucs2Units(string text)
    {
        var units = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            units.Add(pair ? 2 : 1);
            i += pair ? 1 : 0;
        }

        return [.. units];
    }

    /// <summary>
    /// Fills concatenated parts greedily and never splits a character: an ESC pair (GSM-7) or a
    /// surrogate pair (UCS-2) that would straddle a boundary moves whole to the next part, so a
    /// part may carry 152 septets or 66 units. This never counts fewer parts than the operator bills.
    /// </summary>
    private static int Segments(IReadOnlyList<int> costs, int single, int part)
    {
        var total = costs.Sum();
        if (total == 0)
        {
            return 0;
        }

        if (total <= single)
        {
            return 1;
        }

        var parts = 1;
        var used = 0;
        foreach (var cost in costs)
        {
            if (used + cost > part)
            {
                parts++;
                used = 0;
            }

            used += cost;
        }

        return parts;
    }
}
