using System.Diagnostics;
using Studenka.Umbraco.FakeMessageBird;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// The fake MessageBird for the dispatch benchmark, either in this process or in a child process
/// (this program with the argument <c>fake-server</c>). In its own process the fake no longer shares
/// the thread pool and GC with the dispatcher, so the run measures the dispatcher, not the harness.
/// </summary>
internal sealed class FakeGatewayProcess : IAsyncDisposable
{
    private readonly FakeMessageBirdServer? _server;
    private readonly Process? _process;

    private FakeGatewayProcess(Uri baseUrl, FakeMessageBirdServer? server, Process? process)
    {
        BaseUrl = baseUrl;
        _server = server;
        _process = process;
    }

    public Uri BaseUrl { get; }

    public static FakeMessageBirdOptions Options => new() { AccessKey = BenchmarkSite.AccessKey, Latency = DispatchBenchmark.Latency };

    public static async Task<FakeGatewayProcess> InProcessAsync()
    {
        var server = await FakeMessageBirdServer.StartAsync(Options);
        return new FakeGatewayProcess(server.BaseUrl, server, null);
    }

    public static async Task<FakeGatewayProcess> StartAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["fake-server"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // `dotnet Program.dll` (no apphost): pass the dll as the first argument again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Insert(0, typeof(FakeGatewayProcess).Assembly.Location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fake gateway process.");
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The fake gateway process ended before it told its address.");
        return new FakeGatewayProcess(new Uri(line), null, process);
    }

    /// <summary>The child's side: serve until the parent closes our standard input.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var server = await FakeMessageBirdServer.StartAsync(Options);
        Console.WriteLine(server.BaseUrl);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_process is not null)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }
}
