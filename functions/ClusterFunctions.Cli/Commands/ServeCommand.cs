using ClusterFunctions.Cli.Remote;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster serve</c>: runs LocalCloud and the function app under the local Functions host until Ctrl+C.</summary>
public sealed class ServeCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("run the function app and print its endpoints: [--port 7071] [--catalog DIR]", ["--port", "--catalog", "--content-root"], []);

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var port = arguments.Get("--port") ?? "7071";
        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
        {
            throw new CliFailureException($"--port must be a number from 0 to 65535 (got '{port}')");
        }

        var root = arguments.Get("--content-root") ?? Directory.GetCurrentDirectory();
        // The key lives in a file only its owner can read, rather than printed into terminal logs, and
        // is kept across restarts so scripts and other terminals holding it keep working.
        var keyFile = Path.Combine(root, ".state", "serve-function-key");
        var key = await ExistingKeyAsync(keyFile, cancellationToken);
        if (key is null)
        {
            key = FunctionKeys.Generate();
            await OwnerOnlyFile.WriteAsync(keyFile, key, cancellationToken);
        }

        var settings = EmbeddedSettings.For(CatalogLocator.Find(arguments.Get("--catalog")), FunctionKeys.Settings("serve", key, "platform,approver,developer"));
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions(), cancellationToken: cancellationToken);
        foreach (var (name, value) in cloud.HostSettings())
        {
            settings[name] = value;
        }

        // The Durable state (our Azurite's data, unless AzureWebJobsStorage names the user's own) and the host's keys
        // stay under .state/functions-host across restarts.
        var hostState = Path.Combine(root, ".state", "functions-host");
        // An Azurite that dies under us says so on stderr; the host's storage errors that follow would not say why.
        using var storageLogs = LoggerFactory.Create(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        await using var storage = await HostStorage.StartAsync(Path.Combine(hostState, "azurite"), logger: storageLogs.CreateLogger("Azurite"),
            cancellationToken: cancellationToken);
        await using var host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = FunctionAppLocator.Find(),
            Port = portNumber,
            StateDirectory = hostState,
            AzureWebJobsStorage = storage.ConnectionString,
            AppSettings = settings,
        }, cancellationToken);
        var address = host.BaseUrl;
        output.WriteLine($"function app: {address}");
        output.WriteLine($"  POST {address}api/clusters   GET {address}api/clusters/NAME   POST {address}api/plans");
        output.WriteLine($"  function key (x-functions-key header): in {keyFile}");
        output.WriteLine($"  export CLUSTERFUNCTIONS_KEY=$(cat {keyFile})");
        output.WriteLine($"  durable management: {address}runtime/webhooks/durabletask/instances (system key in {host.Keys.FilePath})");
        output.WriteLine(storage.StartedAzurite ? $"  storage: an Azurite of its own (data in {Path.Combine(hostState, "azurite")})" : $"  storage: {HostStorage.Setting} from the environment");
        output.WriteLine($"LocalCloud (embedded): ARM {cloud.Arm.Endpoint}");
        output.WriteLine($"  CLUSTERFUNCTIONS_ENDPOINT={address}");
        output.WriteLine($"  CLUSTERFUNCTIONS_SERVICEBUS=\"{cloud.ServiceBus.ConnectionString}\"");
        output.WriteLine("Ctrl+C stops it.");
        await output.FlushAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }

    private static async Task<string?> ExistingKeyAsync(string keyFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(keyFile))
        {
            return null;
        }

        var key = (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim();
        return key.Length > 0 ? key : null;
    }
}
