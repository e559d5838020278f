using ClusterFunctions.Azurite;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// The storage the local host's Durable engine runs on: the user's own when <c>AzureWebJobsStorage</c> names one (an
/// Azurite they run, <c>UseDevelopmentStorage=true</c> included, or an account), so no second Azurite is started;
/// otherwise an Azurite of ours on free loopback ports, stopped with us.
/// </summary>
public sealed class HostStorage : IAsyncDisposable
{
    public const string Setting = "AzureWebJobsStorage";

    private readonly AzuriteServer? azurite;

    private HostStorage(string connectionString, AzuriteServer? azurite)
    {
        ConnectionString = connectionString;
        this.azurite = azurite;
    }

    public string ConnectionString { get; }

    /// <summary>True when this started the Azurite it runs on.</summary>
    public bool StartedAzurite => azurite is not null;

    /// <summary>
    /// <paramref name="given"/> (by default the environment's <c>AzureWebJobsStorage</c>) when set; otherwise a new
    /// Azurite with its data under <paramref name="dataDirectory"/>, or in memory when that is null, whose unexpected
    /// exit goes to <paramref name="logger"/>.
    /// </summary>
    public static async Task<HostStorage> StartAsync(string? dataDirectory, string? given = null, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        given ??= Environment.GetEnvironmentVariable(Setting);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new HostStorage(given, null);
        }

        var started = await AzuriteServer.StartAsync(dataDirectory, logger: logger, cancellationToken: cancellationToken);
        return new HostStorage(started.ConnectionString, started);
    }

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
