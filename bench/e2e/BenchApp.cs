using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Messaging.ServiceBus;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Azurite;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using Microsoft.Extensions.Logging;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Bench.E2e;

/// <summary>The function app under the local Functions host (real Durable engine, in-memory Azurite) on a LocalCloud in this
/// process, with a subscriber that timestamps each completion event.</summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "cf-bench-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(string Type, long Ticks)>> waiting = new();
    private readonly CancellationTokenSource stop = new();
    private LocalCloudHost cloud = null!;
    private AzuriteServer storage = null!;
    private LocalFunctionsHost host = null!;
    private ServiceBusClient events = null!;
    private Task listening = Task.CompletedTask;

    public HttpClient Http { get; private set; } = null!;

    /// <param name="poll">Both poll intervals of the build; null for the ones the app ships.</param>
    public static async Task<BenchApp> StartAsync(string catalog, TimeSpan provisioning, TimeSpan readiness, TimeSpan? poll)
    {
        var bench = new BenchApp();
        Directory.CreateDirectory(bench.state);
        var key = FunctionKeys.Generate();
        bench.cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { ProvisioningTime = provisioning, ReadinessDelay = readiness });
        var settings = new Dictionary<string, string>(bench.cloud.HostSettings())
        {
            ["TASKHUB_NAME"] = "BenchE2e",
            ["Build:CatalogDirectory"] = catalog,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:Keys:bench:Value"] = key,
            ["Auth:Keys:bench:Roles"] = "platform",
            ["Limits:MaxConcurrentBuildsPerRequester"] = "10000",
            ["Limits:MaxConcurrentBuilds"] = "10000",
            ["Limits:RequestsPerMinute"] = "1000000",
        };
        if (poll is { } interval)
        {
            settings["Build:InfrastructurePollInterval"] = interval.ToString();
            settings["Build:GatePollInterval"] = interval.ToString();
            // The in-activity gate reads too (shipped: every 250 ms), or a gate would still be seen up to 250 ms late.
            settings["Build:GateCheckInterval"] = interval.ToString();
        }

        bench.storage = await AzuriteServer.StartAsync(dataDirectory: null);
        bench.host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = Repository.AppDirectory(),
            Port = 0,
            StateDirectory = Path.Combine(bench.state, "functions-host"),
            AzureWebJobsStorage = bench.storage.ConnectionString,
            AppSettings = settings,
            // Figures own stdout; only the engine's errors are worth a line.
            LoggerFactory = LoggerFactory.Create(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error)),
        });
        bench.Http = new HttpClient { BaseAddress = bench.host.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        bench.Http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        bench.events = new ServiceBusClient(bench.cloud.ServiceBus.ConnectionString);
        bench.listening = bench.ListenAsync();
        return bench;
    }

    /// <summary>CPU time used so far by this process, the worker and Azurite.</summary>
    public async Task<ProcessCpu> ProcessCpuAsync() => ProcessCpu.Read(await host.GetWorkerProcessIdAsync(), storage.ProcessId);

    /// <summary>
    /// Returns once the build of <paramref name="clusterName"/> has gone quiet in the engine: its orchestration
    /// completed, and the expiry lease and reconcile loop it started (where its profile has them) waiting on their
    /// timers. Its event goes out before that ending work, which would otherwise land on the next build's first steps.
    /// </summary>
    public async Task SettledAsync(string clusterName)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await RuntimeStatusAsync($"cluster-{clusterName}", deadline.Token) is "Completed"
            && await WaitsOnATimerAsync($"expiry-{clusterName}", deadline.Token)
            && await WaitsOnATimerAsync($"reconcile-{clusterName}", deadline.Token)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    private async Task<string?> RuntimeStatusAsync(string instanceId, CancellationToken cancellationToken) =>
        (await InstanceAsync(instanceId, showHistory: false, cancellationToken))?["runtimeStatus"]?.GetValue<string>();

    /// <summary>True for an instance that does not exist, or one whose last step was to start a durable timer.</summary>
    private async Task<bool> WaitsOnATimerAsync(string instanceId, CancellationToken cancellationToken) =>
        await InstanceAsync(instanceId, showHistory: true, cancellationToken) is not { } instance
        || (instance["runtimeStatus"]?.GetValue<string>() == "Running"
            && instance["historyEvents"]?.AsArray().LastOrDefault()?["EventType"]?.GetValue<string>() == "TimerCreated");

    private async Task<JsonNode?> InstanceAsync(string instanceId, bool showHistory, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{instanceId}?showHistory={showHistory}");
        request.Headers.Add("x-functions-key", host.Keys.DurableSystemKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null
            : JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Posts a request and returns when its completion event arrives, with the elapsed time.</summary>
    public async Task<TimeSpan> BuildAsync(ClusterRequest request)
    {
        var done = waiting.GetOrAdd(request.RequestId, _ => new TaskCompletionSource<(string, long)>(TaskCreationOptions.RunContinuationsAsynchronously));
        var started = Stopwatch.GetTimestamp();
        using var response = await Http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"POST for {request.ClusterName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var (type, ticks) = await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        return type.EndsWith(".ready", StringComparison.Ordinal)
            ? Stopwatch.GetElapsedTime(started, ticks)
            : throw new InvalidOperationException($"{request.ClusterName} did not become ready: {type}");
    }

    private async Task ListenAsync()
    {
        await using var receiver = events.CreateReceiver("cluster-events", "all", new ServiceBusReceiverOptions { PrefetchCount = 50 });
        while (!stop.IsCancellationRequested)
        {
            var message = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500), stop.Token).ConfigureAwait(false);
            if (message is null)
            {
                continue;
            }

            var arrived = Stopwatch.GetTimestamp();
            await receiver.CompleteMessageAsync(message, stop.Token).ConfigureAwait(false);
            var cloudEvent = JsonNode.Parse(message.Body.ToString())!;
            var requestId = cloudEvent["data"]!["requestId"]!.GetValue<string>();
            waiting.GetOrAdd(requestId, _ => new TaskCompletionSource<(string, long)>(TaskCreationOptions.RunContinuationsAsynchronously))
                .TrySetResult((cloudEvent["type"]!.GetValue<string>(), arrived));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await listening;
        }
        catch (OperationCanceledException)
        {
            // The listener ends by cancellation.
        }

        Http.Dispose();
        await events.DisposeAsync();
        await host.DisposeAsync();
        await storage.DisposeAsync();
        await cloud.DisposeAsync();
        Directory.Delete(state, recursive: true);
    }
}
