using ClusterFunctions.Functions.Security;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// The embedded default: LocalCloud in this process and the function app under the local Functions host (its own
/// worker process, the real Durable engine on an in-memory Azurite), talking over their real protocols on loopback.
/// The emulated cloud lives only as long as this process, so the app's state does too.
/// </summary>
public sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly ILoggerFactory loggerFactory;

    private readonly HostStorage storage;

    private EmbeddedRuntime(LocalCloudHost cloud, HostStorage storage, LocalFunctionsHost host, ILoggerFactory loggerFactory, string stateDirectory,
        string functionKey)
    {
        Cloud = cloud;
        this.storage = storage;
        Host = host;
        this.loggerFactory = loggerFactory;
        StateDirectory = stateDirectory;
        FunctionKey = functionKey;
        KeyFile = Path.Combine(stateDirectory, "function-key");
    }

    /// <summary>This run's state folder, removed when the run ends.</summary>
    public string StateDirectory { get; }

    /// <summary>
    /// The key, readable by its owner only, for an approver in another terminal while this run lasts
    /// (the run's state folder goes with it).
    /// </summary>
    public string KeyFile { get; }

    /// <summary>The key this run's API accepts; it lives only in memory for the life of the process.</summary>
    public string FunctionKey { get; }

    public LocalCloudHost Cloud { get; }

    public LocalFunctionsHost Host { get; }

    public Uri BaseAddress => Host.BaseUrl;

    public string ServiceBusConnection => Cloud.ServiceBus.ConnectionString;

    public static async Task<EmbeddedRuntime> StartAsync(string catalogDirectory, int port = 0, CancellationToken cancellationToken = default)
    {
        var state = Path.Combine(Path.GetTempPath(), "clusterfunctions-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        var functionKey = FunctionKeys.Generate();
        var settings = EmbeddedSettings.For(catalogDirectory, FunctionKeys.Settings("cli", functionKey, "platform,approver,developer"));
        // Progress and results own stdout; the host's and the app's warnings go to stderr.
        var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("DurableTask", LogLevel.Error)
            .AddFilter("Host", LogLevel.Error));
        LocalCloudHost? cloud = null;
        HostStorage? storage = null;
        try
        {
            cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions(), cancellationToken: cancellationToken);
            foreach (var (key, value) in cloud.HostSettings())
            {
                settings[key] = value;
            }

            storage = await HostStorage.StartAsync(dataDirectory: null, logger: loggerFactory.CreateLogger("Azurite"), cancellationToken: cancellationToken);
            var host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
            {
                AppDirectory = FunctionAppLocator.Find(),
                Port = port,
                StateDirectory = Path.Combine(state, "functions-host"),
                AzureWebJobsStorage = storage.ConnectionString,
                AppSettings = settings,
                LoggerFactory = loggerFactory,
            }, cancellationToken);
            var runtime = new EmbeddedRuntime(cloud, storage, host, loggerFactory, state, functionKey);
            await OwnerOnlyFile.WriteAsync(runtime.KeyFile, functionKey, cancellationToken);
            return runtime;
        }
        catch
        {
            if (storage is not null)
            {
                await storage.DisposeAsync();
            }

            if (cloud is not null)
            {
                await cloud.DisposeAsync();
            }

            loggerFactory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await storage.DisposeAsync();
        await Cloud.DisposeAsync();
        loggerFactory.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
