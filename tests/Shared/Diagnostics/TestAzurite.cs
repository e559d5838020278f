using ClusterFunctions.Azurite;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Tests.Shared.Diagnostics;

/// <summary>
/// The in-memory Azurite a test runs on. If it stops on its own, what it said last goes to the run's artifacts, where
/// tests/run prints it beside the failed tests: otherwise a dead Azurite shows only as "connection refused" somewhere.
/// </summary>
public static class TestAzurite
{
    public static Task<AzuriteServer> StartAsync() =>
        AzuriteServer.StartAsync(dataDirectory: null, logger: new ArtifactFileLogger("azurite-exits.log"));
}

/// <summary>Appends errors, one per line with the time, to a file in <c>$CLUSTERFUNCTIONS_TEST_ARTIFACTS</c> (the
/// test results folder tests/run sets), or in the test's output folder when run alone.</summary>
public sealed class ArtifactFileLogger(string fileName) : ILogger
{
    private static readonly Lock Writing = new();

    private readonly string path = Path.Combine(
        Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"),
        fileName);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (Writing)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, $"{DateTimeOffset.UtcNow:O} {formatter(state, exception)}{Environment.NewLine}");
        }
    }
}
