using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Studenka.Umbraco.Notifications.Web.Webhooks;

internal sealed record InboundSms(string Originator, string Text);

internal sealed record InboundSmsParse(InboundSms? Message, string? Error);

/// <summary>
/// Reads an inbound SMS however MessageBird delivers it (fact sheet §7): a VMN callback or a
/// Flow Builder forward, as form, JSON or query string. The sender is <c>originator</c> (or
/// <c>sender</c>), the text <c>body</c>, else <c>payload</c>, else <c>message</c>.
/// </summary>
internal static class InboundSmsRequest
{
    private static readonly string[] OriginatorFields = ["originator", "sender"];
    private static readonly string[] TextFields = ["body", "payload", "message"];

    public static async Task<InboundSmsParse> ReadAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        Func<string, string?> field;
        if (request.HasJsonContentType())
        {
            if (ReadJson(body) is not { } json)
            {
                return new(null, "body is not a JSON object");
            }

            field = name => json.TryGetValue(name, out var v) ? v : Query(request, name);
        }
        else if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // A multipart body cut off inside a section ends in an IOException, not InvalidDataException.
                return new(null, "form body cannot be read");
            }

            field = name => form.TryGetValue(name, out var v) ? v.ToString() : Query(request, name);
        }
        else
        {
            field = name => Query(request, name);
        }

        var originator = First(field, OriginatorFields);
        var text = First(field, TextFields);
        return originator is null || text is null
            ? new(null, "originator or body is missing")
            : new(new InboundSms(originator, text), null);
    }

    private static string? First(Func<string, string?> field, string[] names) =>
        names.Select(field).FirstOrDefault(v => v is not null);

    private static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>Top-level fields as text; numbers too, because MessageBird writes phone numbers as JSON numbers.</summary>
    private static Dictionary<string, string>? ReadJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                .GroupBy(p => p.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value.ValueKind == JsonValueKind.String ? g.First().Value.GetString()! : g.First().Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
