using System.Net;
using System.Net.Sockets;
using ClusterFunctions.Host.Engine;
using ClusterFunctions.Host.Functions;
using ClusterFunctions.Host.Hosting;
using ClusterFunctions.Host.Http;
using ClusterFunctions.Host.ServiceBus;
using ClusterFunctions.Host.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host;

/// <summary>
/// What <c>func start</c> does, for an isolated-worker app: starts the worker and drives it over the Functions host
/// protocol, runs the real Durable extension as the engine on the Azure Storage it is given,
/// serves the HTTP triggers and the Durable management API. The functions come from the worker's metadata.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts;
    private readonly string _hostId;

    private LocalFunctionsHost(Uri baseUrl, HostKeys keys, IReadOnlyList<string> functions, IReadOnlyList<string> refused,
        List<IAsyncDisposable> parts, string hostId, WorkerSupervisor workers)
    {
        BaseUrl = baseUrl;
        Keys = keys;
        Functions = functions;
        RefusedFunctions = refused;
        _parts = parts;
        _hostId = hostId;
        Workers = workers;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }

    public HostKeys Keys { get; }

    /// <summary>The functions served, by name.</summary>
    public IReadOnlyList<string> Functions { get; }

    /// <summary>Functions the host does not run, each with the binding it lacks.</summary>
    public IReadOnlyList<string> RefusedFunctions { get; }

    internal WorkerSupervisor Workers { get; }

    /// <summary>The worker's process id now (changes when the worker restarts).</summary>
    public async Task<int> GetWorkerProcessIdAsync(CancellationToken cancellationToken = default) =>
        (await Workers.GetWorkerAsync(cancellationToken)).Process.Id;

    public static async Task<LocalFunctionsHost> StartAsync(LocalFunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        ILoggerFactory loggerFactory = options.LoggerFactory ?? DefaultLogging.Create();
        ILogger log = loggerFactory.CreateLogger("ClusterFunctions.Host");
        FunctionAppFiles app = FunctionAppFiles.Read(options.AppDirectory);
        string stateDirectory = Path.GetFullPath(options.StateDirectory ?? Path.Combine(".state", "functions-host"));
        HostKeys keys = HostKeys.LoadOrCreate(stateDirectory);
        var parts = new List<IAsyncDisposable>();
        string hostId = Guid.NewGuid().ToString("N");
        try
        {
            // Held now, served later: the worker and the engine start first and need the address, and a port only
            // looked up as free was taken by another process in those seconds (the front then failed to bind).
            var reservation = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            parts.Add(new Stopping(() => { reservation.Dispose(); return Task.CompletedTask; }));
            reservation.Bind(new IPEndPoint(IPAddress.Loopback, options.Port));
            int port = ((IPEndPoint)reservation.LocalEndPoint!).Port;
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            Dictionary<string, string?> appSettings = HostSettings.AppSettings(app, options.AppSettings, options.AzureWebJobsStorage);
            // Where the worker's ServiceBusMessageActions settle messages, with a key only this host's worker gets.
            string settlementKey = HostKeys.NewKey();
            appSettings[SettlementEndpoint.UrlSetting] = new Uri(baseUrl, SettlementEndpoint.BasePath.TrimStart('/') + "/").ToString();
            appSettings[SettlementEndpoint.KeySetting] = settlementKey;
            var channel = new WorkerChannel(loggerFactory);
            WorkerRpcServer rpc = await WorkerRpcServer.StartAsync(channel, loggerFactory, cancellationToken);
            parts.Add(rpc);
            var workers = new WorkerSupervisor(app, channel, rpc.Endpoint, appSettings, log);
            await workers.StartAsync(cancellationToken);
            parts.Add(workers);

            FunctionCatalog catalog = FunctionCatalog.From(workers.Functions);
            foreach (string refused in catalog.Refused)
            {
                log.LogWarning("Not served: {Reason}", refused);
            }

            GeneratedFunctionEntry.Register(hostId, new WorkerFunctionInvoker(workers, catalog.Served, log));
            Type generated = FunctionTypeGenerator.Generate(hostId, catalog.Served);

            // The management URLs the extension hands out carry no key: an app that gives its callers status URLs
            // must not leak the system key through them.
            var managementUrl = new Uri(baseUrl, DurableManagementEndpoint.BasePath.TrimStart('/'));
            DurableEngine engine = await DurableEngine.StartAsync(generated, HostSettings.EngineSettings(app, appSettings,
                    instanceName: $"{Environment.MachineName}-{port}"),
                managementUrl, loggerFactory, cancellationToken);
            parts.Add(engine);

            var settlements = new MessageSettlements();
            WebApplication front = await StartFrontAsync(reservation, port, app, catalog, engine, keys, new SettlementEndpoint(settlements, settlementKey),
                loggerFactory, log, cancellationToken);
            parts.Add(new Stopping(async () =>
            {
                using var grace = new CancellationTokenSource(WorkerSupervisor.ShutdownTimeout);
                await front.StopAsync(grace.Token);
                await front.DisposeAsync();
            }));
            parts.Add(await ServiceBusTriggerListeners.StartAsync(catalog.Served, appSettings, ServiceBusTriggerOptions.From(app.HostJson),
                engine.JobHost, settlements, log, cancellationToken));
            log.LogInformation("Functions host listening on {BaseUrl} with {Count} functions", baseUrl, catalog.Served.Count);
            return new LocalFunctionsHost(baseUrl, keys, catalog.Served.Select(f => f.Name).ToList(), catalog.Refused, parts, hostId, workers);
        }
        catch
        {
            await StopPartsAsync(parts, hostId);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopPartsAsync(_parts, _hostId);

    private static async Task<WebApplication> StartFrontAsync(Socket reservation, int port, FunctionAppFiles app, FunctionCatalog catalog, DurableEngine engine,
        HostKeys keys, SettlementEndpoint settlement, ILoggerFactory loggerFactory, ILogger log, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        WebApplication front = builder.Build();
        var authorization = new KeyAuthorization(keys);
        // One client for all forwarded requests: the worker's address is loopback; redirects and cookies belong to the caller.
        var workerClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        new HttpTriggerEndpoints(engine.JobHost, authorization, workerClient, log).Map(front, app.RoutePrefix, catalog.Served);
        var management = new DurableManagementEndpoint(engine.ManagementApi, authorization);
        front.Map(DurableManagementEndpoint.BasePath + "/{**path}", management.HandleAsync);
        front.MapPost(SettlementEndpoint.BasePath + "/{lockToken}/{action}", settlement.HandleAsync);
        front.MapGet("/admin/host/status", (HttpContext context) =>
            authorization.Allows(context, "admin") ? Results.Json(new { state = "Running" }) : Results.Unauthorized());
        reservation.Dispose();
        await front.StartAsync(cancellationToken);
        return front;
    }

    private static async Task StopPartsAsync(List<IAsyncDisposable> parts, string hostId)
    {
        // Last started, first stopped: the front stops taking requests before the engine and the worker go.
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            await parts[i].DisposeAsync();
        }

        parts.Clear();
        GeneratedFunctionEntry.Unregister(hostId);
    }

    private sealed class Stopping(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}
