using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Goal (b): 100,000 recipients to the local fake MessageBird answering every request after 20 ms,
/// through the real dispatcher and MessageBird client: at least 90 % of the ideal throughput
/// (ceil(N/50) × 20 ms / concurrency) and at most 300 MB peak memory.
/// </summary>
internal static class DispatchBenchmark
{
    internal static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    public static async Task<string> RunAsync(int recipients, int concurrency, bool instantGateway = false, bool gatewayInOwnProcess = false)
    {
        var directory = Scratch.NewDirectory("dispatch");
        try
        {
            var database = await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
            await database.AddSubscribersAsync(recipients);
            var campaignId = await database.AddDueCampaignAsync();
            await using var gateway = gatewayInOwnProcess ? await FakeGatewayProcess.StartAsync() : await FakeGatewayProcess.InProcessAsync();
            var timing = new TimingGateway { Instant = instantGateway };
            await using var app = BenchmarkSite.Build(database.ConnectionString, gateway.BaseUrl, directory, new Dictionary<string, string>
            {
                ["WorkerEnabled"] = "false",
                ["Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["RequestsPerSecond"] = "10000",
                ["SmsPerSecond"] = "100000",
                ["LeaseSeconds"] = "600",
            }, timing);
            await app.Services.GetRequiredService<CampaignSnapshotter>().SnapshotDueAsync(CancellationToken.None);
            var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();

            var memory = PeakMemory.Start();
            var clock = Stopwatch.StartNew();
            var requests = await dispatcher.DispatchAsync(null, CancellationToken.None);
            clock.Stop();
            await memory.DisposeAsync();
            await app.Services.GetRequiredService<CampaignCompletion>().CompleteAsync(CancellationToken.None);
            var progress = await database.ReadProgressAsync(campaignId);
            return Report(recipients, concurrency, clock.Elapsed, requests, timing, memory, progress, gatewayInOwnProcess);
        }
        finally
        {
            Scratch.Delete(directory);
        }
    }

    private static string Report(int recipients, int concurrency, TimeSpan elapsed, int requests, TimingGateway timing, PeakMemory memory, CampaignProgress progress, bool gatewayInOwnProcess)
    {
        var ideal = TimeSpan.FromTicks(Latency.Ticks * (long)Math.Ceiling(recipients / 50.0) / concurrency);
        var ratio = ideal / elapsed;
        // Each worker is either inside the gateway or doing everything else (claim, mark sending, record, rate limiter).
        var busy = elapsed * concurrency;
        var outside = requests == 0 ? TimeSpan.Zero : (busy - timing.Total) / requests;
        var inside = timing.Calls == 0 ? TimeSpan.Zero : timing.Total / timing.Calls;
        var peakWorkingSet = PeakMemory.PeakWorkingSetBytes() / 1024.0 / 1024.0;
        var peakHeap = memory.PeakHeapBytes / 1024.0 / 1024.0;
        return string.Create(CultureInfo.InvariantCulture, $"""
            (b) dispatch {recipients:N0} recipients, concurrency {concurrency}, {(timing.Instant ? "NO gateway (instant accept: the dispatcher's own cost)" : $"fake gateway {Latency.TotalMilliseconds} ms/request{(gatewayInOwnProcess ? " in its own process" : " in this process")}")}
                elapsed {elapsed.TotalSeconds:0.00} s, ideal {ideal.TotalSeconds:0.00} s -> {ratio:P1} of ideal (goal >= 90 %) {(ratio >= 0.9 ? "MET" : "MISSED")}
                {requests} requests; per batch: {inside.TotalMilliseconds:0.0} ms in the gateway call, {outside.TotalMilliseconds:0.0} ms outside it (SQLite claim/mark/record, limiter)
                peak working set {peakWorkingSet:0} MB, peak GC heap {peakHeap:0} MB (goal <= 300 MB) {(peakWorkingSet <= 300 ? "MET" : "MISSED")}
                campaign after: {progress}
            """);
    }
}
