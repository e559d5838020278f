using ClusterFunctions.Cli.Remote;
using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster serve</c>: runs the function app (LocalCloud in-process unless configured otherwise) until Ctrl+C.</summary>
public sealed class ServeCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("run the function app and print its endpoints: [--port 7071] [--catalog DIR]", ["--port", "--catalog", "--content-root"], []);

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var port = arguments.Get("--port") ?? "7071";
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

        var settings = new Dictionary<string, string?>(FunctionKeys.Settings("serve", key, "platform,approver,developer"))
        {
            ["Build:CatalogDirectory"] = CatalogLocator.Find(arguments.Get("--catalog")),
        };
        await using var app = await FunctionApp.StartAsync(new FunctionAppOptions { ContentRoot = root, Url = $"http://127.0.0.1:{port}", Settings = settings }, cancellationToken);
        output.WriteLine($"function app: {app.BaseAddress}");
        output.WriteLine($"  POST {app.BaseAddress}api/clusters   GET {app.BaseAddress}api/clusters/NAME   POST {app.BaseAddress}api/plans");
        output.WriteLine($"  durable management: {app.BaseAddress}runtime/webhooks/durabletask/instances");
        output.WriteLine($"  function key (x-functions-key header): in {keyFile}");
        output.WriteLine($"  export CLUSTERFUNCTIONS_KEY=$(cat {keyFile})");
        if (app.LocalCloud is { } cloud)
        {
            output.WriteLine($"LocalCloud (embedded): ARM {cloud.Arm.Endpoint}");
            output.WriteLine($"  CLUSTERFUNCTIONS_ENDPOINT={app.BaseAddress}");
            output.WriteLine($"  CLUSTERFUNCTIONS_SERVICEBUS=\"{cloud.ServiceBus.ConnectionString}\"");
        }

        output.WriteLine("Ctrl+C stops it.");
        await output.FlushAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
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
