using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Where a batch's time goes outside the gateway: the three SQLite statements of one batch
/// (claim, mark sending, record accepted), timed one after another on a 100,000-row outbox.
/// </summary>
internal static class OutboxAnatomy
{
    public static async Task<string> RunAsync(int recipients, int batches)
    {
        var directory = Scratch.NewDirectory("anatomy");
        try
        {
            var database = await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
            await database.AddSubscribersAsync(recipients);
            await database.AddDueCampaignAsync();
            await using var gateway = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = BenchmarkSite.AccessKey });
            await using var app = BenchmarkSite.Build(database.ConnectionString, gateway.BaseUrl, directory, new Dictionary<string, string> { ["WorkerEnabled"] = "false" }, new TimingGateway());
            await app.Services.GetRequiredService<CampaignSnapshotter>().SnapshotDueAsync(CancellationToken.None);
            var claims = app.Services.GetRequiredService<OutboxClaims>();
            var time = TimeProvider.System;
            TimeSpan claim = default, mark = default, record = default;
            for (var i = 0; i < batches; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var batch = await claims.ClaimAsync("anatomy/1", 50, time.GetUtcNow(), TimeSpan.FromMinutes(10), CancellationToken.None)
                    ?? throw new InvalidOperationException("The outbox ran out of rows.");
                claim += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                await claims.MarkSendingAsync(batch, "anatomy/1", time.GetUtcNow(), CancellationToken.None);
                mark += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                await claims.RecordAcceptedAsync(batch.BatchId, "id", time.GetUtcNow(), CancellationToken.None);
                record += Stopwatch.GetElapsedTime(started);
            }

            var client = app.Services.GetRequiredService<ISmsGateway>();
            await GatewayAloneAsync(client, gateway, concurrency: 4, batches: 40); // warm-up: JIT, connections
            var http = await GatewayAloneAsync(client, gateway, concurrency: 4, batches);
            return string.Create(CultureInfo.InvariantCulture, $"""
                (b'') the MessageBird client alone against the fake (20 ms latency), concurrency 4, {batches} batches of 50, no database:
                    {http.TotalMilliseconds / batches * 4:0.0} ms per call ({batches * 20.0 / 4 / http.TotalMilliseconds:P0} of ideal)
                (b') one batch's SQLite work, sequential, {batches} batches of 50 from a {recipients:N0}-row outbox
                    claim {claim.TotalMilliseconds / batches:0.00} ms, mark sending {mark.TotalMilliseconds / batches:0.00} ms, record accepted {record.TotalMilliseconds / batches:0.00} ms per batch
                """);
        }
        finally
        {
            Scratch.Delete(directory);
        }
    }

    /// <summary>The HTTP path's own overhead on top of the fake's latency: wall time of batches sent by N loops.</summary>
    private static async Task<TimeSpan> GatewayAloneAsync(ISmsGateway client, FakeMessageBirdServer gateway, int concurrency, int batches)
    {
        gateway.Options.Latency = TimeSpan.FromMilliseconds(20);
        var recipients = Enumerable.Range(0, 50).Select(i => SubscriberGenerator.PhoneOf(900_000 + i)).ToList();
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= batches)
            {
                var result = await client.SendAsync(new SmsBatch(Guid.NewGuid().ToString("N"), "Test", recipients), CancellationToken.None);
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"The fake refused a batch: {result.Status} {result.Error}");
                }
            }
        }));
        return clock.Elapsed;
    }
}
