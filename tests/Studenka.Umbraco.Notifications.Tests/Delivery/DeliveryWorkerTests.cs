using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class DeliveryWorkerTests
{
    [Fact]
    public async Task The_worker_logs_a_failing_pass_and_keeps_going_until_the_campaign_is_sent()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.PollIntervalSeconds = 1);
        var areas = await bed.AreasAsync();
        var phones = await bed.AddSubscribersAsync(3, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        var flaky = new FlakyConnections(bed.Database.Connections, failures: 2);
        var logger = new RecordingLogger<DeliveryWorker>();
        var node = new DeliveryNode("worker-node");
        var options = Options.Create(bed.Options);
        var runner = TestDelivery.Runner(flaky, bed.Time, bed.Options, node, bed.Gateway, bed.Status);
        using var worker = new DeliveryWorker(runner, new LeaseRecovery(flaky, node, bed.Time, NullLogger<LeaseRecovery>.Instance), new DeliverySignal(), options, logger);

        await worker.StartAsync(CancellationToken.None);
        var deadline = Stopwatch.StartNew();
        while ((await bed.CampaignAsync(campaign)).State != "sent" && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
        Assert.Equal(phones.Order(), bed.Gateway.AcceptedPhones().Order());
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    /// <summary>A database that is unreachable for the first few opens (a locked file, a network blip).</summary>
    private sealed class FlakyConnections(IDbConnectionFactory inner, int failures) : IDbConnectionFactory
    {
        private int _left = failures;

        public SqlDialect Dialect => inner.Dialect;

        public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _left) >= 0
                ? throw new InvalidOperationException("database unavailable")
                : inner.OpenAsync(cancellationToken);
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<(LogLevel Level, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, exception));
    }
}
