using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public sealed record PhoneParseResult(string? E164, string? Error)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// Turns whatever a resident types ("603 123 456", "+420603123456", "00420 603…") into E.164, and
/// says in Czech why a number is refused. libphonenumber knows the Czech numbering plan, we do not.
/// </summary>
public sealed class PhoneNumberNormalizer(IOptions<SubscriptionOptions> options)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public const string InvalidMessage = "Zadejte platné mobilní číslo, např. 603 123 456.";
    public const string ForeignMessage = "Zprávy zasíláme jen na česká mobilní čísla (+420).";
    public const string NotMobileMessage = "Toto číslo není mobilní. Zadejte mobilní číslo, na které přijde SMS.";

    public PhoneParseResult Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new(null, "Zadejte telefonní číslo.");
        }

        if (input.Length > 30)
        {
            return new(null, InvalidMessage);
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(input, options.Value.AllowedRegions[0]);
        }
        catch (NumberParseException)
        {
            return new(null, InvalidMessage);
        }

        if (!Util.IsValidNumber(number))
        {
            return new(null, InvalidMessage);
        }

        var region = Util.GetRegionCodeForNumber(number);
        if (!options.Value.AllowedRegions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return new(null, options.Value.AllowedRegions is ["CZ"] ? ForeignMessage : InvalidMessage);
        }

        var type = Util.GetNumberType(number);
        if (options.Value.RequireMobile && type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return new(null, NotMobileMessage);
        }

        return new(Util.Format(number, PhoneNumberFormat.E164), null);
    }

    /// <summary>
    /// A number as MessageBird reports it ("420601123456", international digits without '+'; a
    /// '+' decoded from a URL may arrive as a space) in E.164, or null when it is no MSISDN at all.
    /// </summary>
    public static string? MsisdnToE164(string? msisdn)
    {
        var digits = msisdn?.Trim().TrimStart('+');
        return digits is { Length: >= 7 and <= 15 } && digits[0] != '0' && digits.All(char.IsAsciiDigit) ? "+" + digits : null;
    }

    /// <summary><see cref="Normalize"/> for a number MessageBird sent us (see <see cref="MsisdnToE164"/>).</summary>
    public PhoneParseResult NormalizeMsisdn(string? msisdn) => Normalize(MsisdnToE164(msisdn) ?? msisdn);

    /// <summary>"+420 603 123 456" for pages and SMS texts.</summary>
    public static string Display(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
