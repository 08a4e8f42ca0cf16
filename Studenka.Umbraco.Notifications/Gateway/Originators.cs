using System.Text.RegularExpressions;

namespace Studenka.Umbraco.Notifications.Gateway;

/// <summary>
/// The one rule for a sender shown on phones (docs/messagebird-sms-api.md 2.2), shared by the
/// configured default and a campaign's own sender: letters/digits (words separated by one space)
/// up to 11 characters, or a number (optional '+') up to 17 digits.
/// </summary>
public static partial class Originators
{
    // \z, not $: "$" also matches before a trailing newline, which would let "Studenka\n" through IsMatch.
    public const string Pattern = @"^(?:(?=.{1,11}\z)[A-Za-z0-9]+(?: [A-Za-z0-9]+)*|\+?[0-9]{1,17})\z";

    public static bool IsValid(string? originator) => originator is not null && Rule().IsMatch(originator);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Rule();
}
