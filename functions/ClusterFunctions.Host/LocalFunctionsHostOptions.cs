using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host;

/// <summary>What to run and where: the options of <see cref="LocalFunctionsHost.StartAsync"/>.</summary>
public sealed class LocalFunctionsHostOptions
{
    /// <summary>The function app's build or publish output (holds host.json, worker.config.json, the app's dll).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>HTTP port on loopback; 0 picks a free one.</summary>
    public int Port { get; init; } = 7071;

    /// <summary>Where the keys live; defaults to <c>.state/functions-host</c> under the current directory.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Storage for the Durable engine and the worker; when null the app's <c>AzureWebJobsStorage</c> setting
    /// (the overrides below, local.settings.json, the environment), as the Functions host reads it.</summary>
    public string? AzureWebJobsStorage { get; init; }

    /// <summary>App settings that override local.settings.json Values and the environment.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys; each one that is null is generated once and kept in the state directory.</summary>
    public string? MasterKey { get; init; }

    /// <inheritdoc cref="MasterKey"/>
    public string? DefaultFunctionKey { get; init; }

    /// <inheritdoc cref="MasterKey"/>
    public string? DurableSystemKey { get; init; }

    /// <summary>Whether the Durable check-status URLs the worker's client builds carry the system key, as Azure's do.
    /// Off unless the app asks (here or with the app setting <c>FunctionsHost__ManagementUrlsIncludeSystemKey=true</c>),
    /// since an app that hands out its own status URLs must not leak the key.</summary>
    public bool ManagementUrlsIncludeSystemKey { get; init; }

    /// <summary>How long a stop waits for running invocations before it terminates the worker.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the host waits for the worker to connect and load its functions.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Logging of the host, the engine and the worker's forwarded logs.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
