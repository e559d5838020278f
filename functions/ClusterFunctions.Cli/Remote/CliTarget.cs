namespace ClusterFunctions.Cli.Remote;

/// <summary>Where a command talks to: a running host (--endpoint or CLUSTERFUNCTIONS_ENDPOINT) or the embedded runtime.</summary>
public sealed class CliTarget : IAsyncDisposable
{
    private readonly EmbeddedRuntime? embedded;

    private CliTarget(ClusterApiClient api, EventWatcher? events, EmbeddedRuntime? embedded, string description)
    {
        Api = api;
        Events = events;
        this.embedded = embedded;
        Description = description;
    }

    public ClusterApiClient Api { get; }

    public EventWatcher? Events { get; }

    public string Description { get; }

    /// <summary>True when the command talks to a running host rather than starting the embedded runtime.</summary>
    public static bool IsRemote(CliArguments arguments) => Endpoint(arguments) is { Length: > 0 };

    /// <summary>
    /// The command an approver runs, elsewhere, to approve <paramref name="name"/> on this target. For
    /// the embedded runtime it names the key file rather than the key, so the key stays out of terminal logs.
    /// </summary>
    public string ApproveCommand(string name) => embedded is null
        ? $"./cluster approve {name} --endpoint {Api.BaseAddress} --key <an approver's key>"
        : $"./cluster approve {name} --endpoint {Api.BaseAddress} --key \"$(cat {embedded.KeyFile})\"";

    /// <summary>
    /// For the embedded runtime, writes an owner-only kubeconfig for the cluster LocalCloud serves at
    /// <paramref name="server"/> (its certificate and admin token) and returns its path; null for a remote target,
    /// whose clusters' credentials come from Azure (az aks get-credentials).
    /// </summary>
    public async Task<string?> WriteKubeconfigAsync(string clusterName, string server, CancellationToken cancellationToken)
    {
        var authority = new Uri(server).GetLeftPart(UriPartial.Authority);
        if (embedded?.Cloud.Clusters.Clusters.Values.FirstOrDefault(c => c.Url.GetLeftPart(UriPartial.Authority) == authority) is not { } cluster)
        {
            return null;
        }

        var path = Path.Combine(embedded.StateDirectory, $"kubeconfig-{clusterName}");
        await OwnerOnlyFile.WriteAsync(path, cluster.CreateKubeconfig(), cancellationToken);
        return path;
    }

    public static async Task<CliTarget> ConnectAsync(CliArguments arguments, TextWriter progress, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(arguments);
        if (endpoint is { Length: > 0 })
        {
            var serviceBus = Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_SERVICEBUS");
            return new CliTarget(RemoteApi.Client(endpoint, RemoteApi.Key(arguments)), serviceBus is { Length: > 0 } ? new EventWatcher(serviceBus) : null, null, endpoint);
        }

        progress.WriteLine("starting LocalCloud (ARM, Kubernetes API, Service Bus) and the function app under the local Functions host...");
        var runtime = await EmbeddedRuntime.StartAsync(CatalogLocator.Find(arguments.Get("--catalog")), cancellationToken: cancellationToken);
        return new CliTarget(RemoteApi.Client(runtime.BaseAddress.ToString(), runtime.FunctionKey), new EventWatcher(runtime.ServiceBusConnection), runtime, $"LocalCloud (embedded, {runtime.BaseAddress})");
    }

    private static string? Endpoint(CliArguments arguments) => arguments.Get("--endpoint") ?? Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_ENDPOINT");

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }
    }
}
