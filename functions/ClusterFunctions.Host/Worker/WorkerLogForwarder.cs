using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Worker;

/// <summary>Writes the worker's <c>RpcLog</c> messages to the host's log at the level the worker gave them.</summary>
internal static class WorkerLogForwarder
{
    public static void Forward(ILogger log, RpcLog entry)
    {
        LogLevel level = entry.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (level == LogLevel.None || !log.IsEnabled(level))
        {
            return;
        }

        string exception = entry.Exception is { } e ? $" {e.Message}" : "";
        // The worker already rendered its template; the category tells where it came from.
        log.Log(level, "[{Category}] {Message}{Exception}", entry.Category, entry.Message, exception);
    }
}
