using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Studenka.Umbraco.Benchmarks;

// dotnet run -c Release --project benchmarks/Studenka.Umbraco.Benchmarks -- all | snapshot | dispatch | crisis
var what = args.Length > 0 ? args[0] : "all";
var known = new[] { "all", "snapshot", "dispatch", "crisis" };
if (!known.Contains(what))
{
    Console.Error.WriteLine($"Unknown benchmark '{what}'. Use one of: {string.Join(", ", known)}.");
    return 2;
}

if (what is "all" or "snapshot")
{
    // In process: the generated out-of-process project would not inherit the central package versions.
    // Monitoring: each call is a whole snapshot (~1 s), not a nanosecond loop to be unrolled.
    var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10)
        .WithToolchain(InProcessEmitToolchain.Instance);
    BenchmarkRunner.Run<SnapshotBenchmark>(DefaultConfig.Instance.AddJob(job));
}

return 0;
