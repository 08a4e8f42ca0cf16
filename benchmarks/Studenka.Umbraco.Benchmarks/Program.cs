using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Studenka.Umbraco.Benchmarks;

// dotnet run -c Release --project benchmarks/Studenka.Umbraco.Benchmarks -- all | snapshot [sqlite|postgres] | dispatch | nodes | anatomy | crisis | import
var what = args.Length > 0 ? args[0] : "all";
if (what == "fake-server")
{
    // The child process of the dispatch run with the gateway in its own process.
    return await FakeGatewayProcess.ServeAsync();
}

var known = new[] { "all", "snapshot", "dispatch", "nodes", "anatomy", "crisis", "import" };
if (!known.Contains(what))
{
    Console.Error.WriteLine($"Unknown benchmark '{what}'. Use one of: {string.Join(", ", known)}.");
    return 2;
}

var results = new List<string>();
if (what is "all" or "dispatch")
{
    // Before BenchmarkDotNet's runs, so the process's peak memory is this benchmark's own.
    results.Add(await DispatchBenchmark.RunAsync(recipients: 100_000, concurrency: 4));
    results.Add(await DispatchBenchmark.RunAsync(recipients: 100_000, concurrency: 4, gatewayInOwnProcess: true));
    results.Add(await DispatchBenchmark.RunAsync(recipients: 100_000, concurrency: 16));
    // Where the time goes: the dispatcher with no gateway at all.
    results.Add(await DispatchBenchmark.RunAsync(recipients: 100_000, concurrency: 4, instantGateway: true));
}

if (what is "all" or "nodes")
{
    // PostgreSQL: one node, two nodes, and the client alone, side by side in each round.
    var rounds = what == "nodes" && args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
    results.Add(await ClusterDispatchBenchmark.RunAsync(recipients: 100_000, concurrency: 4, rounds));
}

if (what is "all" or "dispatch" or "anatomy")
{
    // ... and one batch's SQL statements, and the HTTP client alone.
    results.Add(await OutboxAnatomy.RunAsync(recipients: 100_000, batches: 200));
}

if (what is "all" or "crisis")
{
    results.Add(await CrisisBenchmark.RunAsync(recipients: 3_000));
}

if (what is "all" or "import")
{
    results.Add(await ImportBenchmark.RunAsync(points: 100_000, residents: 5_000));
}

if (what is "all" or "snapshot")
{
    // Monitoring: each call is a whole snapshot (~1 s), not a nanosecond loop to be unrolled.
    // In process: the generated out-of-process project would not inherit the central package versions.
    var engine = args.Length > 1 ? args[1] : "both";
    SnapshotBenchmark.Setups = SnapshotBenchmark.Setups
        .Where(s => engine == "both" || (engine == "postgres") == (s.Engine == Studenka.Umbraco.Notifications.Persistence.DatabaseProvider.PostgreSql))
        .ToList();
    // A million-row snapshot takes seconds: fewer iterations when PostgreSQL is measured.
    var postgres = SnapshotBenchmark.Setups.Any(s => s.Engine == Studenka.Umbraco.Notifications.Persistence.DatabaseProvider.PostgreSql);
    var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(postgres ? 1 : 2).WithIterationCount(postgres ? 5 : 10)
        // The default in-process time limit ended the million-row run on a loaded machine (21-26 s per snapshot, 2026-12-01).
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
    BenchmarkRunner.Run<SnapshotBenchmark>(DefaultConfig.Instance.AddJob(job));
    SnapshotBenchmark.DeleteDatabases();
}

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024} MB available to .NET, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
results.ForEach(Console.WriteLine);
return 0;
