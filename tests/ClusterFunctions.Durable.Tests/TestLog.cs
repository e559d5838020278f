using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Tests;

/// <summary>Collects log lines so tests can assert on what was (or was not) logged.</summary>
internal static class TestLog
{
    public static ConcurrentQueue<string> Lines { get; } = new();

    public static ILoggerProvider Provider { get; } = new CollectingProvider();

    private sealed class CollectingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{category}: {formatter(state, exception)}");
    }
}
