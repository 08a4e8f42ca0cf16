namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum InboundKeyword
{
    None,
    /// <summary>Unsubscribe at once (STOP, ODHLÁSIT).</summary>
    Stop,
    /// <summary>Asks to subscribe (START, PŘIHLÁSIT): answered with the web form, never subscribed by SMS.</summary>
    Start,
}

/// <summary>
/// What a resident's reply means. Phones type "Stop", " stop ", "odhlásit" or "ODHLASIT" alike, so
/// the text is trimmed, stripped of diacritics and compared without case; anything else is no keyword.
/// </summary>
public static class InboundKeywords
{
    private static readonly string[] StopWords = ["STOP", "ODHLASIT"];
    private static readonly string[] StartWords = ["START", "PRIHLASIT"];

    public static InboundKeyword Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return InboundKeyword.None;
        }

        // A trailing full stop or exclamation mark is how people finish a word, not a different word.
        var word = SmsTexts.StripDiacritics(text.Trim().TrimEnd('.', '!').Trim()).ToUpperInvariant();
        if (StopWords.Contains(word, StringComparer.Ordinal))
        {
            return InboundKeyword.Stop;
        }

        return StartWords.Contains(word, StringComparer.Ordinal) ? InboundKeyword.Start : InboundKeyword.None;
    }
}
