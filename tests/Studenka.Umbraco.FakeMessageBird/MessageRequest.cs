using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>An error as MessageBird's <c>errors</c> envelope carries it.</summary>
internal sealed record FakeError(int Status, int Code, string Description, string? Parameter);

/// <summary>A POST /messages that passed validation; recipients are digits without '+'.</summary>
internal sealed record ValidMessage(string Originator, string Body, IReadOnlyList<string> Recipients, string? Reference, string? ReportUrl, string Datacoding);

/// <summary>Reads a POST /messages body (JSON or form, recipients as array or comma-separated) and validates it (fact sheet 2.1, 2.2, 9).</summary>
internal static class MessageRequest
{
    private const int MaxRecipients = 50;

    public static (ValidMessage? Message, FakeError? Error) Parse(string? contentType, string body)
    {
        Dictionary<string, List<string>> fields;
        try
        {
            fields = contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
                ? ReadForm(body)
                : ReadJson(body);
        }
        catch (JsonException)
        {
            return (null, new FakeError(400, 10, "request body is not valid JSON", null));
        }

        return Validate(fields);
    }

    private static (ValidMessage?, FakeError?) Validate(Dictionary<string, List<string>> fields)
    {
        string? One(string name) => fields.TryGetValue(name, out var v) && v.Count > 0 && v[0].Length > 0 ? v[0] : null;
        var originator = One("originator");
        var body = One("body");
        var recipients = (fields.GetValueOrDefault("recipients") ?? [])
            .SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(r => r.TrimStart('+'))
            .ToList();

        if (originator is null) return (null, Missing("originator"));
        if (body is null) return (null, Missing("body"));
        if (recipients.Count == 0) return (null, Missing("recipients"));
        if (!IsValidOriginator(originator)) return (null, Invalid("originator", "originator must be a number or at most 11 alphanumeric characters"));
        if (recipients.Count > MaxRecipients) return (null, Invalid("recipients", $"too many recipients (at most {MaxRecipients} per request)"));
        if (recipients.Any(r => r.Length is < 6 or > 15 || !r.All(char.IsAsciiDigit))) return (null, Invalid("recipients", "no (correct) recipients found"));
        var reference = One("reference");
        if (reference?.Length > 128) return (null, Invalid("reference", "reference is longer than 128 characters"));
        var datacoding = GsmAlphabet.Resolve(One("datacoding"), body);
        if (datacoding is null) return (null, Invalid("datacoding", "datacoding must be plain, unicode or auto"));
        return (new ValidMessage(originator, body, recipients, reference, One("reportUrl"), datacoding), null);
    }

    private static bool IsValidOriginator(string originator)
    {
        var digits = originator.StartsWith('+') ? originator[1..] : originator;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            return digits.Length <= 17;
        }

        return originator.Length <= 11 && originator.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ');
    }

    private static FakeError Missing(string parameter) => new(422, 9, $"{parameter} is required", parameter);

    private static FakeError Invalid(string parameter, string description) => new(422, 10, description, parameter);

    private static Dictionary<string, List<string>> ReadForm(string body) =>
        QueryHelpers.ParseQuery(body)
            .GroupBy(kv => kv.Key.EndsWith("[]", StringComparison.Ordinal) ? kv.Key[..^2] : kv.Key)
            .ToDictionary(g => g.Key, g => g.SelectMany(kv => kv.Value).Select(v => v ?? "").ToList());

    private static Dictionary<string, List<string>> ReadJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        var fields = new Dictionary<string, List<string>>();
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                ? property.Value.EnumerateArray().Select(Scalar).ToList()
                : [Scalar(property.Value)];
        }

        return fields;
    }

    // Recipients arrive as JSON numbers or strings; both become their text.
    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
