using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Testing;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Goals (e) and (f) on PostgreSQL, against one fake MessageBird in its own process (20 ms per request):
/// (e) two nodes (two Site service sets in this process, each its own NodeId, claiming from one
/// database) send at least 1.8 × what one node sends; (f) one node reaches at least 97 % of the
/// throughput of the MessageBird client alone (no database) at the same concurrency, measured in
/// the same run. Each dispatch gets a fresh database with the same residents.
/// </summary>
internal static class ClusterDispatchBenchmark
{
    public static async Task<string> RunAsync(int recipients, int concurrency, int rounds)
    {
        await using var gateway = await FakeGatewayProcess.StartAsync();
        var batches = (int)Math.Ceiling(recipients / 50.0);
        var report = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"(e, f) dispatch {recipients:N0} recipients on PostgreSQL, fake gateway {DispatchBenchmark.Latency.TotalMilliseconds} ms/request in its own process, concurrency {concurrency} per node, {rounds} rounds\n"));

        // Warm-up (JIT, connection pools, the fake's Kestrel): not reported.
        await ClientAloneAsync(gateway.BaseUrl, concurrency, batches: 100);
        await DispatchAsync(gateway.BaseUrl, 5_000, concurrency, nodes: 1);

        var ones = new List<double>();
        var twos = new List<double>();
        var own = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var one = await DispatchAsync(gateway.BaseUrl, recipients, concurrency, nodes: 1);
            var alone = await ClientAloneAsync(gateway.BaseUrl, concurrency, batches);
            var two = await DispatchAsync(gateway.BaseUrl, recipients, concurrency, nodes: 2);
            // What the harness itself can do with two nodes' worth of requests in flight, and what one
            // database round trip costs right now: the two ceilings the goals are measured against.
            var aloneDouble = await ClientAloneAsync(gateway.BaseUrl, concurrency * 2, batches);
            var roundTrip = await RoundTripAsync();
            ones.Add(one.SmsPerSecond);
            twos.Add(two.SmsPerSecond / one.SmsPerSecond);
            var aloneRate = batches * 50.0 / alone.TotalSeconds;
            own.Add(one.SmsPerSecond / aloneRate);
            report.Append(CultureInfo.InvariantCulture, $"""
                    round {round} (load average {LoadAverage()}):
                      one node:  {one}
                      two nodes: {two}
                      the MessageBird client alone, {batches} batches, no database: {alone.TotalSeconds:0.00} s = {aloneRate:N0} SMS/s, {alone.TotalMilliseconds / batches * concurrency:0.0} ms per call
                      the client alone at concurrency {concurrency * 2} (two nodes' requests in flight): {aloneDouble.TotalSeconds:0.00} s = {alone / aloneDouble:0.00} x the client at {concurrency}
                      one PostgreSQL round trip (SELECT 1, pooled connection, 200 times): median {roundTrip.Median:0.00} ms, p90 {roundTrip.P90:0.00} ms
                      two nodes / one node = {two.SmsPerSecond / one.SmsPerSecond:0.00} (goal >= 1.8) {(two.SmsPerSecond / one.SmsPerSecond >= 1.8 ? "MET" : "MISSED")}; one node / client alone = {one.SmsPerSecond / aloneRate:P1} (goal >= 97 %) {(one.SmsPerSecond / aloneRate >= 0.97 ? "MET" : "MISSED")}

                """);
        }

        report.Append(CultureInfo.InvariantCulture,
            $"    over the rounds: two / one {twos.Min():0.00}–{twos.Max():0.00}; dispatcher / client alone {own.Min():P1}–{own.Max():P1}");
        return report.ToString();
    }

    private static async Task<NodesRun> DispatchAsync(Uri gatewayBaseUrl, int recipients, int concurrency, int nodes)
    {
        var connectionString = BenchmarkPostgres.CreateDatabase();
        var directory = Scratch.NewDirectory("cluster");
        try
        {
            var database = await LoadDatabase.CreatePostgresAsync(connectionString);
            await database.AddSubscribersAsync(recipients);
            var campaignId = await database.AddDueCampaignAsync();
            var timings = Enumerable.Range(0, nodes).Select(_ => new TimingGateway()).ToList();
            var apps = timings.Select((timing, i) => BenchmarkSite.Build(connectionString, gatewayBaseUrl, directory, new Dictionary<string, string>
            {
                ["NodeId"] = $"bench-node-{i + 1}",
                ["WorkerEnabled"] = "false",
                ["Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["RequestsPerSecond"] = "10000",
                ["SmsPerSecond"] = "100000",
                ["LeaseSeconds"] = "600",
            }, timing, DatabaseProvider.PostgreSql)).ToList();
            await apps[0].Services.GetRequiredService<CampaignSnapshotter>().SnapshotDueAsync(CancellationToken.None);
            var before = await StatisticsAsync(connectionString);

            var cpuBefore = MachineCpu();
            var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var requests = await Task.WhenAll(apps.Select(app => app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(null, CancellationToken.None)));
            clock.Stop();
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore;
            var cpuAfter = MachineCpu();
            var machineBusy = (cpuAfter.Busy - cpuBefore.Busy) / (double)Math.Max(1, cpuAfter.Total - cpuBefore.Total);

            await apps[0].Services.GetRequiredService<CampaignCompletion>().CompleteAsync(CancellationToken.None);
            var progress = await database.ReadProgressAsync(campaignId);
            foreach (var app in apps)
            {
                // Closing the pools ends the backends, which flushes their statistics.
                await app.DisposeAsync();
            }

            await ((IAsyncDisposable)database.Connections).DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = await StatisticsAsync(connectionString);
            if (progress.Count("accepted") != recipients)
            {
                throw new InvalidOperationException($"The dispatch did not accept every recipient: {progress}");
            }

            var total = requests.Sum();
            var busy = clock.Elapsed * concurrency * nodes;
            var inside = TimeSpan.FromTicks(timings.Sum(t => t.Total.Ticks));
            return new NodesRun(nodes, clock.Elapsed, recipients / clock.Elapsed.TotalSeconds, requests,
                inside / total, (busy - inside) / total, (after.Commits - before.Commits) / (double)total, (after.Updated - before.Updated) / (double)total,
                ownCpu / total, machineBusy);
        }
        finally
        {
            TestPostgres.DropDatabase(connectionString);
            Scratch.Delete(directory);
        }
    }

    /// <summary>The MessageBird client as the Site builds it, with no database behind it: N loops sending batches of 50.</summary>
    private static async Task<TimeSpan> ClientAloneAsync(Uri gatewayBaseUrl, int concurrency, int batches)
    {
        var timing = new TimingGateway();
        await using var app = BenchmarkSite.Build("Host=127.0.0.1;Database=unused", gatewayBaseUrl, "", new Dictionary<string, string> { ["WorkerEnabled"] = "false" }, timing, DatabaseProvider.PostgreSql);
        var client = app.Services.GetRequiredService<ISmsGateway>();
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

    /// <summary>The latency of the cheapest statement, as the dispatcher's mark pays it: open a pooled connection, one round trip.</summary>
    private static async Task<(double Median, double P90)> RoundTripAsync()
    {
        await using var source = NpgsqlDataSource.Create(TestPostgres.Server!);
        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var clock = Stopwatch.StartNew();
            await using (var connection = await source.OpenConnectionAsync())
            {
                await connection.ExecuteScalarAsync<int>("SELECT 1");
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[times.Count * 9 / 10]);
    }

    /// <summary>The server's counters for the benchmark's database: committed transactions (one per statement outside a transaction) and updated rows.</summary>
    private static async Task<(long Commits, long Updated)> StatisticsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return await connection.QuerySingleAsync<(long, long)>(
            "SELECT xact_commit, tup_updated FROM pg_stat_database WHERE datname = @name", new { name });
    }

    /// <summary>The machine's CPU time so far (/proc/stat, in ticks): busy and total, over all cores and processes.</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        return (ticks.Sum() - idle, ticks.Sum());
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private sealed record NodesRun(int Nodes, TimeSpan Elapsed, double SmsPerSecond, int[] Requests, TimeSpan Inside, TimeSpan Outside, double CommitsPerBatch, double UpdatedPerBatch, TimeSpan CpuPerBatch, double MachineBusy)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Elapsed.TotalSeconds:0.00} s = {SmsPerSecond:N0} SMS/s; requests per node {string.Join(" + ", Requests)}; per batch {Inside.TotalMilliseconds:0.0} ms in the gateway call, {Outside.TotalMilliseconds:0.0} ms outside it; {CommitsPerBatch:0.0} transactions and {UpdatedPerBatch:0} row updates per batch; this process used {CpuPerBatch.TotalMilliseconds:0.0} ms CPU per batch, the machine's two cores were {MachineBusy:P0} busy");
    }
}
