using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// The embedded default: LocalCloud and the function app in this process, talking over their real
/// protocols on loopback, with state in a fresh SQLite file (the emulated cloud lives only as long
/// as this process, so its state must too).
/// </summary>
public sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly string stateDirectory;

    private EmbeddedRuntime(FunctionApp app, string stateDirectory, string functionKey)
    {
        App = app;
        this.stateDirectory = stateDirectory;
        FunctionKey = functionKey;
        KeyFile = Path.Combine(stateDirectory, "function-key");
    }

    /// <summary>
    /// The key, readable by its owner only, for an approver in another terminal while this run lasts
    /// (the run's state folder goes with it).
    /// </summary>
    public string KeyFile { get; }

    /// <summary>The key this run's API accepts; it lives only in memory for the life of the process.</summary>
    public string FunctionKey { get; }

    public FunctionApp App { get; }

    public string ServiceBusConnection => App.LocalCloud!.ServiceBus.ConnectionString;

    public static async Task<EmbeddedRuntime> StartAsync(string catalogDirectory, string url, IReadOnlyDictionary<string, string?>? extraSettings = null, CancellationToken cancellationToken = default)
    {
        var state = Path.Combine(Path.GetTempPath(), "clusterfunctions-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        var settings = new Dictionary<string, string?>
        {
            ["LocalCloud:Mode"] = "embedded",
            ["DurableTask:DatabasePath"] = Path.Combine(state, "durable.db"),
            ["Build:CatalogDirectory"] = catalogDirectory,
            ["Build:InfrastructurePollInterval"] = "00:00:00.100",
            ["Build:GatePollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var functionKey = FunctionKeys.Generate();
        foreach (var (key, value) in FunctionKeys.Settings("cli", functionKey, "platform,approver,developer"))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await FunctionApp.StartAsync(
            new FunctionAppOptions
            {
                ContentRoot = AppContext.BaseDirectory,
                Url = url,
                Settings = settings,
                ConfigureLogging = logging =>
                {
                    // Progress and results own stdout; the host's warnings go to stderr.
                    logging.ClearProviders();
                    logging.AddSimpleConsole(o => o.SingleLine = true);
                    logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                    logging.SetMinimumLevel(LogLevel.Warning);
                },
            },
            cancellationToken);
        var runtime = new EmbeddedRuntime(app, state, functionKey);
        await OwnerOnlyFile.WriteAsync(runtime.KeyFile, functionKey, cancellationToken);
        return runtime;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
