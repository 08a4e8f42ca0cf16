using System.Globalization;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>One MessageBird delivery report: the status of one recipient of one message (fact sheet §5).</summary>
/// <param name="Reference">The batch id we sent as <c>reference</c>; it finds the outbox rows.</param>
/// <param name="Phone">The recipient in E.164 (MessageBird sends digits without '+').</param>
public sealed record DeliveryReport(string? ProviderMessageId, string Reference, string Phone, string Status, DateTimeOffset StatusAt, int? ErrorCode)
{
    /// <summary>Statuses after which nothing changes any more (fact sheet §2.4).</summary>
    public bool IsFinal => Status is "delivered" or "expired" or "delivery_failed";
}

public sealed record DeliveryReportParse(DeliveryReport? Report, string? Error);

/// <summary>
/// Reads a report from the webhook's query parameters. Lenient where MessageBird is known to be
/// sloppy (a '+' in <c>statusDatetime</c> arriving as a space, a missing time), strict elsewhere:
/// a report we cannot read must be refused, not stored half-right.
/// </summary>
public static class DeliveryReportParser
{
    private static readonly string[] KnownStatuses = ["scheduled", "sent", "buffered", "delivered", "expired", "delivery_failed"];

    public static DeliveryReportParse Parse(Func<string, string?> parameter, DateTimeOffset now)
    {
        var reference = parameter("reference")?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Length > 100)
        {
            return Fail("reference is missing or too long");
        }

        if (PhoneNumberNormalizer.MsisdnToE164(parameter("recipient")) is not { } phone)
        {
            return Fail("recipient is not a phone number");
        }

        var status = parameter("status")?.Trim();
        if (status is null || !KnownStatuses.Contains(status, StringComparer.Ordinal))
        {
            return Fail("status is missing or unknown");
        }

        if (!TryParseTime(parameter("statusDatetime"), now, out var at))
        {
            return Fail("statusDatetime is not an RFC 3339 time");
        }

        int? errorCode = null;
        if (parameter("statusErrorCode") is { Length: > 0 } code)
        {
            if (!int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                return Fail("statusErrorCode is not a number");
            }

            errorCode = parsed;
        }

        var id = parameter("id")?.Trim();
        return new(new DeliveryReport(string.IsNullOrEmpty(id) ? null : id[..Math.Min(id.Length, 100)], reference, phone, status, at, errorCode), null);
    }

    private static bool TryParseTime(string? value, DateTimeOffset now, out DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            at = now;
            return true;
        }

        // An unencoded '+' in the offset arrives as a space ("2016-05-03T08:58:10 00:00").
        var repaired = value.Trim().Replace(' ', '+');
        return DateTimeOffset.TryParseExact(repaired, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private static DeliveryReportParse Fail(string error) => new(null, error);
}
