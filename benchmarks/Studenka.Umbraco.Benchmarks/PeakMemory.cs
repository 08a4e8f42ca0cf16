using System.Diagnostics;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Peak memory of this process during one phase: the kernel's high-water mark of resident memory
/// (VmHWM, reset at the start of the phase through /proc/self/clear_refs) and the largest GC heap
/// seen by a 10 ms sampler.
/// </summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakHeap;

    private PeakMemory()
    {
        _sampler = SampleAsync();
    }

    public long PeakHeapBytes => Interlocked.Read(ref _peakHeap);

    public static PeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // "5" resets the peak resident set size (Linux, see proc(5)); elsewhere the peak is of the whole run.
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("note: could not reset the peak working set; it covers the whole process run");
        }

        return new PeakMemory();
    }

    public static long PeakWorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (heap > Interlocked.Read(ref _peakHeap))
            {
                Interlocked.Exchange(ref _peakHeap, heap);
            }

            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
