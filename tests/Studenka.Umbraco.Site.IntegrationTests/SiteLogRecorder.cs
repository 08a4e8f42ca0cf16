using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>Every log line of a site under test, level first (add it with ConfigureLogging).</summary>
internal sealed class SiteLogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(_entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{logLevel} {formatter(state, exception)} {exception}");
    }
}
