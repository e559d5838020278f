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
