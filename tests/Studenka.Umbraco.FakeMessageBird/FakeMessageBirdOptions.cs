namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>How the fake behaves. Mutable on purpose: a test may flip <see cref="BalanceExhausted"/> mid-run.</summary>
public sealed class FakeMessageBirdOptions
{
    /// <summary>The only key accepted in <c>Authorization: AccessKey {key}</c>.</summary>
    public string AccessKey { get; set; } = "live_fake_key";

    /// <summary>Added to every request before it is answered (real time).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>When true, POST /messages answers error code 25 (not enough balance).</summary>
    public bool BalanceExhausted { get; set; }

    /// <summary>
    /// MessageBird documents code 25 but not its HTTP status; 402 is the default so that a client
    /// must read the error code, not only the status. Set 422 to test the other reading.
    /// </summary>
    public int BalanceExhaustedStatusCode { get; set; } = 402;

    /// <summary>
    /// Share (0..1) of POST /messages answered 503, for load tests. The decision is a hash of
    /// <see cref="Seed"/>, the message reference and how often that reference was already tried,
    /// so the same batches fail the same way however concurrent requests interleave.
    /// </summary>
    public double FailureRate { get; set; }

    /// <summary>Like <see cref="FailureRate"/>, but the connection is dropped after the request was read.</summary>
    public double DropRate { get; set; }

    public int Seed { get; set; } = 1;

    /// <summary>Sent as <c>Retry-After</c> (seconds) with injected 429 and 503 answers; none by default.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Optional file that receives <c>reference;+420...</c> per accepted recipient, flushed per request.</summary>
    public string? AcceptedLogPath { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;
}
