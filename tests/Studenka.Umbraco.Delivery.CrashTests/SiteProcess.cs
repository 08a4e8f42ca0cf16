using System.Diagnostics;

namespace Studenka.Umbraco.Delivery.CrashTests;

/// <summary>
/// The real Site (the build output copied beside the tests) as a child process: `dotnet
/// Studenka.Umbraco.Site.dll` with settings in environment variables, its output kept in a log
/// file. <see cref="KillHard"/> is a real SIGKILL: no shutdown code of the Site runs.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private const string Listening = "Now listening on: ";
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiteProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static SiteProcess Start(IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var siteDll = Path.Combine(AppContext.BaseDirectory, "Studenka.Umbraco.Site.dll");
        if (!File.Exists(siteDll))
        {
            throw new FileNotFoundException("The Site was not copied beside the tests; is the ProjectReference to the Site still there?", siteDll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { siteDll },
            // The content root: the Site's appsettings.json was copied here too.
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var site = new SiteProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => site.Received(e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Write(log, $"--- started pid {process.Id} ---");
        return site;
    }

    /// <summary>
    /// The address Kestrel bound (the Site logs it once the server listens, after the database was
    /// migrated). Fails when the Site exits first or does not get there within <paramref name="timeout"/>.
    /// </summary>
    public async Task<Uri> ListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var finished = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        return finished == _listening.Task
            ? await _listening.Task
            : throw new InvalidOperationException(
                $"The Site (pid {Id}) {(finished == exited ? "exited" : $"did not listen within {timeout.TotalSeconds:0} s")}.\n--- site log ---\n{Tail()}");
    }

    /// <summary>SIGKILL (Process.Kill on Linux), then waits until the process is gone.</summary>
    public void KillHard()
    {
        if (_process.HasExited)
        {
            return;
        }

        Write(_log, $"--- SIGKILL pid {_process.Id} ---");
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>The last lines the Site wrote (for failure messages).</summary>
    public string Tail(int lines = 40)
    {
        lock (_log)
        {
            _log.Flush();
        }

        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var all = new StreamReader(reader).ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void Received(string? line)
    {
        Write(_log, line);
        var at = line?.IndexOf(Listening, StringComparison.Ordinal) ?? -1;
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line![(at + Listening.Length)..].Trim()));
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output still draining after the test closed the log: nothing left to keep it for.
            }
        }
    }
}
