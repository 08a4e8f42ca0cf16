using System.Globalization;

namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>Response bodies shaped as MessageBird sends them (fact sheet 2.3, 3, 9).</summary>
internal static class FakeResponses
{
    public static object Errors(FakeError error) =>
        new { errors = new[] { new { code = error.Code, description = error.Description, parameter = error.Parameter } } };

    public static object Message(FakeMessage message, Uri baseUrl)
    {
        var at = Rfc3339(message.ReceivedAt);
        var parts = GsmAlphabet.PartCount(message.Body, message.Datacoding);
        return new
        {
            id = message.Id,
            href = new Uri(baseUrl, "messages/" + message.Id).ToString(),
            direction = "mt",
            type = "sms",
            originator = message.Originator,
            body = message.Body,
            reference = message.Reference,
            validity = (int?)null,
            gateway = 10,
            typeDetails = new { },
            datacoding = message.Datacoding,
            mclass = 1,
            scheduledDatetime = (string?)null,
            createdDatetime = at,
            recipients = new
            {
                totalCount = message.Recipients.Count,
                totalSentCount = message.Recipients.Count,
                totalDeliveredCount = 0,
                totalDeliveryFailedCount = 0,
                items = message.Recipients.Select(r => new
                {
                    // MessageBird sends the MSISDN as a JSON number.
                    recipient = long.Parse(r.TrimStart('+'), CultureInfo.InvariantCulture),
                    status = "sent",
                    statusDatetime = at,
                    messagePartCount = parts,
                }),
            },
        };
    }

    public static object Balance(bool exhausted) => new { payment = "prepaid", type = "credits", amount = exhausted ? 0m : 100m };

    private static string Rfc3339(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
