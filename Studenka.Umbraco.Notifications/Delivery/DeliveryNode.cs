using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// Who holds a lease: "{NodeId}/{process id}". The process part changes on every start, so rows
/// leased under this NodeId by another process id were left by a process that is gone.
/// </summary>
public sealed class DeliveryNode
{
    public DeliveryNode(IOptions<DeliveryOptions> options)
        : this(string.IsNullOrWhiteSpace(options.Value.NodeId) ? Environment.MachineName : options.Value.NodeId.Trim())
    {
    }

    public DeliveryNode(string nodeId)
    {
        NodeId = nodeId;
        LeaseOwner = $"{nodeId}/{Guid.NewGuid():N}";
    }

    public string NodeId { get; }

    public string LeaseOwner { get; }

    /// <summary>The lease-owner prefix shared by every process of this node.</summary>
    public string NodePrefix => NodeId + "/";

    private int _inFlight;

    /// <summary>Gateway requests this process has on the wire now (shown in the heartbeat).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    internal void RequestStarted() => Interlocked.Increment(ref _inFlight);

    internal void RequestEnded() => Interlocked.Decrement(ref _inFlight);
}
