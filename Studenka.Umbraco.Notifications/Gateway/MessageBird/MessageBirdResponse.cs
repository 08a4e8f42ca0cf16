using System.Net;
using System.Text.Json;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

/// <summary>
/// Maps MessageBird's answer to a result: the error code wins over the status where MessageBird
/// documents one (2, 25), the status decides otherwise, and a body that is not the expected JSON
/// (a proxy's HTML page) never hides the status.
/// </summary>
internal static class MessageBirdResponse
{
    private const int IncorrectAccessKey = 2;
    private const int NotEnoughBalance = 25;

    public static async Task<SmsSendResult> ReadAsync(HttpResponseMessage response, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var text = await ReadBodyAsync(response, readTimeout, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return new SmsSendResult(SmsSendStatus.Accepted, ProviderMessageId: ReadString(text, "id"));
        }

        var error = ReadFirstError(text);
        var reason = Describe(response.StatusCode, error);
        return error?.Code switch
        {
            NotEnoughBalance => new SmsSendResult(SmsSendStatus.InsufficientBalance, Error: reason),
            IncorrectAccessKey => new SmsSendResult(SmsSendStatus.ConfigurationError, Error: reason),
            _ => new SmsSendResult(ByStatus(response.StatusCode), Error: reason),
        };
    }

    private static SmsSendStatus ByStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SmsSendStatus.ConfigurationError,
        HttpStatusCode.PaymentRequired => SmsSendStatus.InsufficientBalance,
        // MessageBird says it stopped waiting for the request: it did not process it.
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => SmsSendStatus.TransientFailure,
        >= HttpStatusCode.InternalServerError => SmsSendStatus.TransientFailure,
        >= HttpStatusCode.BadRequest => SmsSendStatus.RejectedPermanently,
        // Redirects are not followed (a POST must not silently become a GET): the base URL is wrong.
        _ => SmsSendStatus.ConfigurationError,
    };

    private static string Describe(HttpStatusCode status, MessageBirdError? error) => error is null
        ? $"HTTP {(int)status} {status}"
        : $"HTTP {(int)status}, code {error.Code}: {error.Description}" + (error.Parameter is null ? "" : $" (parameter {error.Parameter})");

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(readTimeout);
        try
        {
            return await response.Content.ReadAsStringAsync(deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The status line has arrived and is what counts; a lost body only loses detail.
            return "";
        }
    }

    private static string? ReadString(string json, string property)
    {
        using var document = TryParse(json);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    private static MessageBirdError? ReadFirstError(string json)
    {
        using var document = TryParse(json);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0
            || errors[0] is not { ValueKind: JsonValueKind.Object } first
            || !first.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var number))
        {
            return null;
        }

        return new MessageBirdError(number, Text(first, "description") ?? "", Text(first, "parameter"));
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return json.Length == 0 ? null : JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record MessageBirdError(int Code, string Description, string? Parameter);
}
