namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>
/// The fake's own GSM 03.38 table (fact sheet 8.2), kept apart from the package's SmsSegments so
/// the fake is an independent check of the client, not a copy of it.
/// </summary>
internal static class GsmAlphabet
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f[\\]^{|}~€";

    /// <summary>"plain" or "unicode" for a request's datacoding; null when the value is not one MessageBird knows.</summary>
    public static string? Resolve(string? requested, string body) => requested switch
    {
        null or "" or "plain" => "plain",
        "unicode" => "unicode",
        "auto" => IsGsm(body) ? "plain" : "unicode",
        _ => null,
    };

    /// <summary>Parts per recipient as MessageBird would bill them (160/153 septets, 70/67 code units).</summary>
    public static int PartCount(string body, string datacoding)
    {
        var (length, single, multi) = datacoding == "unicode"
            ? (body.Length, 70, 67)
            : (body.Sum(c => Extension.Contains(c) ? 2 : 1), 160, 153);
        return length <= single ? 1 : (length + multi - 1) / multi;
    }

    private static bool IsGsm(string body) => body.All(c => Basic.Contains(c) || Extension.Contains(c));
}
