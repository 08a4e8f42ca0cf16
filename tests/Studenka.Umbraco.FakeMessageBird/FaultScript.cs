using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>Which fault, if any, the next request meets: scripted faults first, then seeded draws.</summary>
internal sealed class FaultScript(FakeMessageBirdOptions options)
{
    private readonly ConcurrentQueue<FakeFault> _scripted = new();
    private readonly ConcurrentDictionary<string, int> _attemptsByKey = new();

    public void Enqueue(FakeFault fault) => _scripted.Enqueue(fault);

    /// <param name="key">What identifies the request across attempts (the message reference).</param>
    public bool TryNext(string key, out FakeFault fault) => _scripted.TryDequeue(out fault) || TryDraw(key, out fault);

    /// <summary>Decided per (key, attempt), so concurrency does not change which batches fail.</summary>
    private bool TryDraw(string key, out FakeFault fault)
    {
        fault = default;
        if (options.FailureRate <= 0 && options.DropRate <= 0)
        {
            return false;
        }

        var attempt = _attemptsByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
        var draw = Draw($"{options.Seed}|{key}|{attempt}");
        fault = draw < options.FailureRate ? FakeFault.Status503 : FakeFault.DropConnection;
        return draw < options.FailureRate + options.DropRate;
    }

    private static double Draw(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
    }
}
