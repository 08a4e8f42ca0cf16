using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>Section <c>Studenka:Delivery</c>: how fast and how carefully the outbox is sent.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Studenka:Delivery";

    /// <summary>Recipients per gateway request; MessageBird takes at most 50.</summary>
    [Range(1, 50)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Gateway requests in flight at once, per node.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Gateway requests per second, per node.</summary>
    [Range(1, 10_000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>SMS (recipients) per second, per node: the provider's agreed throughput.</summary>
    [Range(1, 100_000)]
    public int SmsPerSecond { get; set; } = 200;

    /// <summary>How long a claimed row belongs to one worker before another node may resolve it.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How often an idle worker looks for due campaigns and retries.</summary>
    [Range(1, 3600)]
    public int PollIntervalSeconds { get; set; } = 2;

    /// <summary>Attempts of a batch the gateway demonstrably refused (5xx, 429, refused connection) before it fails.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First wait before retrying a batch the gateway demonstrably refused; doubles per attempt, with jitter.</summary>
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 5;

    /// <summary>Longest wait between two attempts of one batch.</summary>
    [Range(1, 86_400)]
    public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>
    /// After "balance exhausted" the node pauses; it tries again by itself after this many minutes
    /// (someone may have topped up), or at once when an operator resumes. 0 = wait for an operator.
    /// </summary>
    [Range(0, 1440)]
    public int BalanceRetryMinutes { get; set; } = 10;

    /// <summary>
    /// Name of this node in leases; defaults to the machine name. It MUST be unique per node: at start
    /// a worker treats rows leased by its own NodeId (with another process id) as left by a dead process.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>How often each node writes its heartbeat (shown in the delivery status; three missed = stale).</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>Finished service messages (codes, notices) are deleted after this many days: they carry numbers and codes.</summary>
    [Range(1, 365)]
    public int ServiceMessageRetentionDays { get; set; } = 7;

    /// <summary>False keeps the worker off on this node (e.g. a front-end-only node, or a command run).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
