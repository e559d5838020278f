using ClusterFunctions.Functions.Hosting;
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

    private EmbeddedRuntime(FunctionApp app, string stateDirectory)
    {
        App = app;
        this.stateDirectory = stateDirectory;
    }

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
        return new EmbeddedRuntime(app, state);
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
