using System.Text.Json;
using Studenka.Umbraco.FakeMessageBird;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>What the fake MessageBird saw: how often each phone was accepted, and which phones were in requests it dropped.</summary>
public sealed record GatewayLedger(IReadOnlyDictionary<string, int> AcceptedTimes, IReadOnlySet<string> InDroppedRequests)
{
    /// <summary>Read from the fake's append-only log file (one "reference;+420..." line per accepted recipient) and its request record.</summary>
    public static GatewayLedger Read(FakeMessageBirdServer gateway, string acceptedLogPath) => Read([gateway], [acceptedLogPath]);

    /// <summary>What several fakes saw together (one per node): a phone accepted by two of them was received twice.</summary>
    public static GatewayLedger Read(IReadOnlyList<FakeMessageBirdServer> gateways) =>
        Read(gateways, gateways.Select(g => g.Options.AcceptedLogPath ?? throw new InvalidOperationException("The fake keeps no log of accepted recipients.")));

    private static GatewayLedger Read(IReadOnlyList<FakeMessageBirdServer> all, IEnumerable<string> acceptedLogPaths)
    {
        var accepted = acceptedLogPaths
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Where(l => l.Length > 0).Select(l => l[(l.IndexOf(';', StringComparison.Ordinal) + 1)..])
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var dropped = all.SelectMany(g => g.Requests)
            .Where(r => r.Method == "POST" && r.Outcome == FakeOutcome.ReceivedNotAnswered)
            .SelectMany(r => RecipientsOf(r.Body))
            .ToHashSet();
        return new GatewayLedger(accepted, dropped);
    }

    public int Times(string phone) => AcceptedTimes.TryGetValue(phone, out var n) ? n : 0;

    /// <summary>Recipients of a JSON POST /messages body, as E.164 with '+' (MessageBird takes numbers or strings).</summary>
    private static IEnumerable<string> RecipientsOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("recipients").EnumerateArray()
            .Select(r => "+" + (r.ValueKind == JsonValueKind.Number ? r.GetRawText() : r.GetString()))
            .ToList();
    }
}
