using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using OpenTelemetry.Trace;

namespace ClusterFunctions.Functions.Tests;

public class TracingTests
{
    [Fact]
    public async Task Build_OverHttp_IsOneTraceFromTheTriggerThroughEveryActivityToArmKubernetesAndTheEvent()
    {
        var spans = new List<Activity>();
        var key = FunctionKeys.Generate();
        var state = Directory.CreateTempSubdirectory("cf-trace-");
        await using var app = await TestApps.StartAsync(
            TestApps.Settings(state.FullName, FunctionKeys.Settings("tests", key, "platform")),
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        await using var inbox = new EventInbox(app.LocalCloud!.ServiceBus.ConnectionString);
        var request = new ClusterRequest("trace-1", "traced", "developer");

        // The caller's own W3C trace context: other tests share this process and its listeners, so the
        // build's spans are found by this trace id, which also proves the trigger continued the caller's trace.
        var traceId = ActivityTraceId.CreateRandom();
        using (new Activity("caller").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            await http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));

        List<Activity> trace;
        lock (spans)
        {
            trace = spans.Where(s => s.TraceId == traceId).ToList();
        }

        Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/clusters");

        string[] activities =
        [
            "RenderPlanActivity", "BeginInfrastructureActivity", "GetInfrastructureStateActivity", "ApplyBundleActivity",
            "CheckReadinessActivity", "VerifyClusterActivity", "PublishClusterEventActivity",
        ];
        Assert.All(activities, name => Assert.Contains(trace, s => s.DisplayName == name));
        var bundles = trace.Where(s => s.DisplayName == "ApplyBundleActivity").Select(s => s.GetTagItem("clusterfunctions.bundle") as string).ToHashSet();
        Assert.Superset(new HashSet<string?> { "namespaces", "redis", "kafka", "model-serving", "developer-access" }, bundles);
        var clientCalls = trace.Where(s => s.Kind == ActivityKind.Client).Select(s => s.GetTagItem("url.full") as string ?? "").ToList();
        Assert.Contains(clientCalls, url => url.StartsWith(app.LocalCloud.Arm.Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && url.Contains("managedClusters/traced", StringComparison.Ordinal));
        Assert.Contains(clientCalls, url => url.Contains("/apis/apps/v1/namespaces/redis/deployments", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.DisplayName == "PublishClusterEventActivity" && s.GetTagItem("cloudevents.event_type") as string == ClusterEventTypes.Ready);
    }
}
