using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>The real delivery pipeline wired by hand, as the service collection wires it.</summary>
internal static class TestDelivery
{
    public static DeliveryStatus Status(IDbConnectionFactory connections, DeliveryNode node, TimeProvider time, DeliveryOptions options) =>
        new(connections, node, time, Options.Create(options), NullLogger<DeliveryStatus>.Instance);

    public static DeliveryRunner Runner(
        IDbConnectionFactory connections, TimeProvider time, DeliveryOptions options, DeliveryNode node, ISmsGateway gateway, DeliveryStatus status,
        ILoggerFactory? logs = null, DeliverySignal? signal = null)
    {
        var wrapped = Options.Create(options);
        signal ??= new DeliverySignal();
        return new DeliveryRunner(
            new LeaseRecovery(connections, node, time, NullLogger<LeaseRecovery>.Instance),
            new CampaignSnapshotter(connections, time, NullLogger<CampaignSnapshotter>.Instance),
            new OutboxDispatcher(new OutboxClaims(connections), [new SmsMessageSender(gateway)], node, status, wrapped, Options.Create(new Notifications.Email.EmailOptions()), time,
                (logs ?? NullLoggerFactory.Instance).CreateLogger<OutboxDispatcher>()),
            new CampaignCompletion(connections, time, NullLogger<CampaignCompletion>.Instance),
            signal,
            new OutboxOperations(connections, signal, time),
            status,
            time,
            wrapped,
            NullLogger<DeliveryRunner>.Instance);
    }
}

/// <summary>
/// The sandbox gateway behind a real outbox: what a feature queued is sent when a test reads the
/// "received" SMS (<see cref="RecentAsync"/> drains the outbox first, as the worker would within a second).
/// </summary>
internal sealed class SandboxOutbox
{
    private readonly DeliveryRunner _runner;

    public SandboxOutbox(TestDatabase db, TimeProvider time)
    {
        Gateway = new SandboxSmsGateway(db.Connections, Options.Create(new SmsOptions()), time);
        var node = new DeliveryNode("test-node");
        var options = new DeliveryOptions { RequestsPerSecond = 10_000, SmsPerSecond = 100_000 };
        _runner = TestDelivery.Runner(db.Connections, time, options, node, Gateway, TestDelivery.Status(db.Connections, node, time, options));
        Operations = new OutboxOperations(db.Connections, new DeliverySignal(), time);
    }

    public SandboxSmsGateway Gateway { get; }

    /// <summary>What the features under test queue into.</summary>
    public OutboxOperations Operations { get; }

    public Task DrainAsync() => _runner.RunOnceAsync(CancellationToken.None);

    public async Task<IReadOnlyList<SandboxSms>> RecentAsync(int take, string? recipient, CancellationToken cancellationToken)
    {
        await DrainAsync();
        return await Gateway.RecentAsync(take, recipient, cancellationToken);
    }
}
