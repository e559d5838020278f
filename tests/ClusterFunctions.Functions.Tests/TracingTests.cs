using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Tests;

public class TracingTests
{
    [Fact]
    public async Task Build_OverHttp_IsOneTraceFromTheTriggerThroughEveryActivityToArmKubernetesAndTheEvent()
    {
        var logs = new CapturingLoggerProvider();
        var key = FunctionKeys.Generate();
        var state = Directory.CreateTempSubdirectory("cf-trace-");
        await using var app = await TestApps.StartAsync(
            TestApps.Settings(state.FullName, [.. FunctionKeys.Settings("tests", key, "platform"), KeyValuePair.Create("Telemetry:Exporter", (string?)"console")]),
            logs);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        await using var inbox = new EventInbox(app.LocalCloud!.ServiceBus.ConnectionString);
        var request = new ClusterRequest("trace-1", "traced", "developer");

        // The caller's own W3C trace context: the build's spans must carry its trace id, which proves the trigger
        // continued the caller's trace across the host into the worker.
        var traceId = ActivityTraceId.CreateRandom();
        using (var post = new HttpRequestMessage(HttpMethod.Post, "api/clusters") { Content = JsonContent.Create(request, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)) })
        {
            post.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            (await http.SendAsync(post)).EnsureSuccessStatusCode();
        }

        await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));
        await app.DisposeAsync(); // flushes the worker's exporter before its output is read

        var trace = ExportedSpan.Parse(logs.Lines).Where(s => s.TraceId == traceId.ToString()).ToList();
        Assert.Contains(trace, s => s.Kind == "Server" && s.Tags.GetValueOrDefault("url.path") == "/api/clusters");
        string[] activities = ["RenderPlanActivity", "BeginInfrastructureActivity", "ApplyBundleActivity", "VerifyClusterActivity", "PublishClusterEventActivity"];
        Assert.All(activities, name => Assert.Contains(trace, s => s.DisplayName == name));
        // The cluster and the gates were ready within the waits of the activities that created and applied them: no
        // further activity round trip was needed to read them.
        Assert.DoesNotContain(trace, s => s.DisplayName is "GetInfrastructureStateActivity" or "CheckReadinessActivity");
        var bundles = trace.Where(s => s.DisplayName == "ApplyBundleActivity").Select(s => s.Tags.GetValueOrDefault("clusterfunctions.bundle")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "namespaces", "redis", "kafka", "model-serving", "developer-access" }, bundles);
        var clientCalls = trace.Where(s => s.Kind == "Client").Select(s => s.Tags.GetValueOrDefault("url.full") ?? "").ToList();
        Assert.Contains(clientCalls, url => url.StartsWith(app.LocalCloud.Arm.Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && url.Contains("managedClusters/traced", StringComparison.Ordinal));
        Assert.Contains(clientCalls, url => url.Contains("/apis/apps/v1/namespaces/redis/deployments", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.DisplayName == "PublishClusterEventActivity" && s.Tags.GetValueOrDefault("cloudevents.event_type") == ClusterEventTypes.Ready);
    }
}
