using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Hosting;

/// <summary>Console logging as <c>func start</c> shows it: the host and the worker at Information, the engine's chatter at Warning.</summary>
internal static class DefaultLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Host", LogLevel.Warning)
        .AddFilter("DurableTask", LogLevel.Warning)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Azure", LogLevel.Warning)
        .AddFilter("Grpc", LogLevel.Warning));
}
