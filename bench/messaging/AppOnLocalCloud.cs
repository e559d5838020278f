using System.Security.Cryptography;
using ClusterFunctions.Azurite;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.Bench.E2e;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>
/// The function app under the local Functions host (the real Durable engine on an in-memory Azurite, the real
/// serviceBusTrigger on <c>cluster-requests</c>) on a LocalCloud in this process. Not bench/e2e's BenchApp: that one
/// builds clusters to the end and subscribes to their events, where this one parks builds at ARM (see StartAsync).
/// </summary>
internal sealed class AppOnLocalCloud : IAsyncDisposable
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "cf-bench-messaging-" + Guid.NewGuid().ToString("N"));
    // Figures own stdout; only the engine's errors are worth a line.
    private readonly ILoggerFactory logging = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error));
    private LocalCloudHost cloud = null!;
    private AzuriteServer storage = null!;
    private LocalFunctionsHost host = null!;

    /// <summary>The app's HTTP API, with a caller key of the platform role.</summary>
    public HttpClient Http { get; private set; } = null!;

    public string ServiceBusConnectionString => cloud.ServiceBus.ConnectionString;

    /// <param name="provisioning">How long the ARM emulator takes to create a cluster: the builds the bench starts wait
    /// this long on durable timers, as real builds wait on AKS, instead of all running on the bench's two cores.</param>
    public static async Task<AppOnLocalCloud> StartAsync(TimeSpan provisioning)
    {
        var app = new AppOnLocalCloud();
        Directory.CreateDirectory(app.state);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        app.cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { ProvisioningTime = provisioning });
        var settings = new Dictionary<string, string>(app.cloud.HostSettings())
        {
            ["TASKHUB_NAME"] = "BenchMessaging",
            ["Build:CatalogDirectory"] = Path.Combine(Repository.Root(), "infra", "catalog"),
            ["Logging:LogLevel:Default"] = "Warning",
            // Parked builds do not poll ARM during the run, so what the trigger competes with is the start of the builds
            // it schedules, not also 100 builds polling every 10 s (the default).
            ["Build:InfrastructurePollInterval"] = provisioning.ToString(),
            ["Auth:Keys:bench:Value"] = key,
            ["Auth:Keys:bench:Roles"] = "platform",
            // High enough that no request is refused or deferred: the figure is the trigger's path, not a quota's.
            ["Limits:MaxConcurrentBuildsPerRequester"] = "10000",
            ["Limits:MaxConcurrentBuilds"] = "10000",
            ["Limits:RequestsPerMinute"] = "1000000",
        };
        app.storage = await AzuriteServer.StartAsync(dataDirectory: null);
        app.host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = Repository.AppDirectory(),
            Port = 0,
            StateDirectory = Path.Combine(app.state, "functions-host"),
            AzureWebJobsStorage = app.storage.ConnectionString,
            AppSettings = settings,
            LoggerFactory = app.logging,
        });
        app.Http = new HttpClient { BaseAddress = app.host.BaseUrl, Timeout = TimeSpan.FromMinutes(1) };
        app.Http.DefaultRequestHeaders.Add("x-functions-key", key);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await host.DisposeAsync();
        await storage.DisposeAsync();
        await cloud.DisposeAsync();
        logging.Dispose();
        Directory.Delete(state, recursive: true);
    }
}
