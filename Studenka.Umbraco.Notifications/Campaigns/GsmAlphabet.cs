using System.Collections.Frozen;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// The GSM 03.38 (3GPP TS 23.038) default alphabet without national shift tables, which the
/// MessageBird API does not expose. Checked against docs/messagebird-sms-api.md section 8.2.
/// </summary>
internal static class GsmAlphabet
{
    // 127 characters: the 128 code points of the basic table minus the escape code 0x1B.
    // Greek capitals are written as escapes so that look-alikes (Ohm sign, Latin letters) cannot slip in.
    internal const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅå\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039EÆæßÉ" +
        " !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Sent as ESC + code, so each costs two septets.</summary>
    internal const string Extension = "\f^{}\\[~]|€";

    private static readonly FrozenSet<char> BasicSet = Basic.ToFrozenSet();

    private static readonly FrozenSet<char> ExtensionSet = Extension.ToFrozenSet();

    public static bool Contains(char c) => BasicSet.Contains(c) || ExtensionSet.Contains(c);

    public static bool ContainsAll(string text) => text.All(Contains);

    /// <summary>Septets one character costs; only meaningful for characters in the alphabet.</summary>
    public static int Septets(char c) => ExtensionSet.Contains(c) ? 2 : 1;
}
