using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.Tests.Shared.Diagnostics;

namespace ClusterFunctions.Functions.Tests;

public class ResilienceTests
{
    [Fact]
    public async Task HostKilledDuringAppFanOut_RestartedHostFinishes_OneClusterCreatedAndEachAppAppliedOnce()
    {
        // LocalCloud lives in the test process: like a real cloud, it outlives the host.
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { ReadinessDelay = TimeSpan.FromSeconds(3) });
        var state = Directory.CreateTempSubdirectory("cf-crash-");
        // Azurite lives in the test process too: the Durable state must outlive the host, as a storage account does.
        await using var azurite = await TestAzurite.StartAsync();
        var key = FunctionKeys.Generate();
        var settings = HostSettings(cloud, "CrashTests", key);
        var port = HostProcess.FreePort();
        await using var inbox = new EventInbox(cloud.ServiceBus.ConnectionString);
        var request = new ClusterRequest("crash-1", "crash", "developer");

        using (var first = await HostProcess.StartAsync(settings, port, azurite.ConnectionString, Path.Combine(state.FullName, "host")))
        {
            using var http = new HttpClient { BaseAddress = first.Address };
            http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
            var posted = await http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            Assert.Equal(202, (int)posted.StatusCode);
            await WaitForAppStepRunningAsync(http, "crash");
            first.Kill();
        }

        using var second = await HostProcess.StartAsync(settings, port, azurite.ConnectionString, Path.Combine(state.FullName, "host"));
        var ready = await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(120));

        Assert.Single(cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/crash", StringComparison.Ordinal));
        Assert.Single(inbox.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Ready && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
        var server = ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>();
        var (exit, generations) = await Kubectl.RunAsync(cloud, server, "get", "deployments,statefulsets", "-A", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.generation} {end}");
        Assert.Equal(0, exit);
        Assert.Equal(["kafka=1", "model-serving=1", "redis=1"], generations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task HostSigtermDuringAppFanOut_StopsWithinItsGraceWithoutAStackTrace_TheNextHostFinishesTheBuild()
    {
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { ReadinessDelay = TimeSpan.FromSeconds(3) });
        var state = Directory.CreateTempSubdirectory("cf-sigterm-");
        await using var azurite = await TestAzurite.StartAsync();
        var key = FunctionKeys.Generate();
        var settings = HostSettings(cloud, "SigtermTests", key);
        var port = HostProcess.FreePort();
        await using var inbox = new EventInbox(cloud.ServiceBus.ConnectionString);
        var request = new ClusterRequest("sigterm-1", "sigterm", "developer");
        string stopped;
        int? exitCode;
        using (var first = await HostProcess.StartAsync(settings, port, azurite.ConnectionString, Path.Combine(state.FullName, "host")))
        {
            using var http = new HttpClient { BaseAddress = first.Address };
            http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
            var posted = await http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            Assert.Equal(202, (int)posted.StatusCode);
            await WaitForAppStepRunningAsync(http, "sigterm");

            // The host's own shutdown timeout is 20 s; the engine's stop has 30 s more.
            exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(60));
            stopped = first.Output;
        }

        using var second = await HostProcess.StartAsync(settings, port, azurite.ConnectionString, Path.Combine(state.FullName, "host"));
        await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(120));

        Assert.Equal(0, exitCode);
        Assert.Contains("Stopping: running invocations may finish", stopped);
        // The Durable engine itself reports an activity the shutdown cut off, with its stack (DurableTask.Core event 64,
        // SessionAbortedException), as it does on Azure's host; the message goes back to the queue for the next host.
        // That report is allowed; any other stack trace is not. The lines around one are shown, not xunit's 40 characters.
        var ours = string.Join('\n', stopped.Split('\n').Where(line => !line.Contains("SessionAbortedException: The Functions/WebJobs runtime is shutting down!", StringComparison.Ordinal)));
        var trace = Regex.Match(ours, @"(?m)^\s+at \S+\(|Unhandled exception");
        Assert.False(trace.Success, trace.Success ? ours.Substring(Math.Max(0, trace.Index - 600), Math.Min(3000, ours.Length - Math.Max(0, trace.Index - 600))) : null);
        Assert.Single(inbox.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Ready && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
    }

    [Fact]
    public async Task WorkerKilledDuringAppFanOut_HostStartsANewOne_BuildFinishesWithOneClusterAndEachAppAppliedOnce()
    {
        var state = Directory.CreateTempSubdirectory("cf-worker-crash-");
        var key = FunctionKeys.Generate();
        await using var app = await TestApps.StartAsync(TestApps.Settings(state.FullName, [
            .. FunctionKeys.Settings("tests", key, "platform"),
            KeyValuePair.Create("LocalCloud:ReadinessDelay", (string?)"00:00:03")]));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        await using var inbox = new EventInbox(app.LocalCloud!.ServiceBus.ConnectionString);
        var request = new ClusterRequest("worker-crash-1", "wcrash", "developer");
        var posted = await http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal(202, (int)posted.StatusCode);
        await WaitForAppStepRunningAsync(http, "wcrash");

        // SIGKILL the worker alone: the host, the engine and the Durable state live on.
        var worker = await app.Host.GetWorkerProcessIdAsync();
        System.Diagnostics.Process.GetProcessById(worker).Kill();

        var ready = await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(120));
        Assert.NotEqual(worker, await app.Host.GetWorkerProcessIdAsync());
        Assert.Single(app.LocalCloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/wcrash", StringComparison.Ordinal));
        Assert.Single(inbox.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Ready && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
        var server = ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>();
        var (exit, generations) = await Kubectl.RunAsync(app.LocalCloud, server, "get", "deployments,statefulsets", "-A", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.generation} {end}");
        Assert.Equal(0, exit);
        Assert.Equal(["kafka=1", "model-serving=1", "redis=1"], generations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    /// <summary>App settings of a host process on <paramref name="cloud"/>, which lives in the test process and, like a
    /// real cloud, outlives the host.</summary>
    private static Dictionary<string, string> HostSettings(LocalCloudHost cloud, string taskHub, string key) => new()
    {
        ["TASKHUB_NAME"] = taskHub,
        ["ServiceBusConnection"] = cloud.ServiceBus.ConnectionString,
        ["Azure:ResourceManagerEndpoint"] = cloud.Arm.Endpoint.ToString(),
        ["Azure:ResourceManagerCertificatePem"] = cloud.Arm.CertificatePem,
        ["Build:CatalogDirectory"] = EmbeddedAppFixture.Catalog,
        ["Build:InfrastructurePollInterval"] = "00:00:00.100",
        ["Build:GatePollInterval"] = "00:00:00.100",
        ["Auth:Keys:tests:Value"] = key,
        ["Auth:Keys:tests:Roles"] = "platform",
    };

    private static async Task WaitForAppStepRunningAsync(HttpClient http, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await http.GetAsync($"api/clusters/{name}", timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var steps = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!["steps"]!.AsArray();
                if (steps.Any(s => s!["name"]!.GetValue<string>().StartsWith("app/", StringComparison.Ordinal) && s["state"]!.GetValue<string>() == "Running"))
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
