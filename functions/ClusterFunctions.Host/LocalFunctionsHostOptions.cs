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

    /// <summary>Logging of the host, the engine and the worker's forwarded logs.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
