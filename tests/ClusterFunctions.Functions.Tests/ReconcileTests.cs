using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// Clusters that stay complete: kubectl (and ARM) change a Ready cluster behind the app's back, and its reconcile loop
/// (every 5 s in this catalog) shows it in the status and announces it, once, or puts it back in repair mode.
/// </summary>
public class ReconcileTests(ReconcileFixture app) : IClassFixture<ReconcileFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ReportMode_ServiceDeletedWithKubectl_StatusIsDriftedNamingIt_AndDriftedIsAnnouncedOnce()
    {
        var (request, server) = await BuildAsync("drift-report", "developer");

        var (exit, output) = await Kubectl.RunAsync(app.Cloud, server, "-n", "redis", "delete", "service", "redis");
        Assert.True(exit == 0, output);
        var drifted = await app.Events.WaitForAsync(ClusterEventTypes.Drifted, request.RequestId, Wait);
        var status = await StatusAsync("drift-report", s => s["state"]?.GetValue<string>() == "Drifted");

        Assert.Contains(drifted["data"]!["drift"]!.AsArray(), d => d!.GetValue<string>().Contains("redis", StringComparison.Ordinal) && d.GetValue<string>().EndsWith("is missing", StringComparison.Ordinal));
        Assert.Contains(status["drift"]!.AsArray(), d => d!.GetValue<string>().EndsWith("is missing", StringComparison.Ordinal));
        // Two more checks find the same drift: nothing more is announced, and report mode leaves the cluster as it is.
        // (A check's status shows before its events go out; the one after it shows only once they have, 5 s later.)
        var next = await NextCheckAsync("drift-report", status);
        await NextCheckAsync("drift-report", next);
        await app.Events.DrainAsync();
        Assert.Single(app.Events.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Drifted && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
        Assert.NotEqual(0, (await Kubectl.RunAsync(app.Cloud, server, "-n", "redis", "get", "service", "redis")).Exit);
    }

    [Fact]
    public async Task RepairMode_ServiceDeletedWithKubectl_IsPutBack_DriftedThenRepairedAnnounced()
    {
        var (request, server) = await BuildAsync("drift-repair", "testing");

        var (exit, output) = await Kubectl.RunAsync(app.Cloud, server, "-n", "redis", "delete", "service", "redis");
        Assert.True(exit == 0, output);
        var drifted = await app.Events.WaitForAsync(ClusterEventTypes.Drifted, request.RequestId, Wait);
        var repaired = await app.Events.WaitForAsync(ClusterEventTypes.Repaired, request.RequestId, Wait);

        Assert.Equal(drifted["data"]!["drift"]!.ToJsonString(), repaired["data"]!["drift"]!.ToJsonString());
        var (back, shown) = await Kubectl.RunAsync(app.Cloud, server, "-n", "redis", "get", "service", "redis", "-o", "name");
        Assert.True(back == 0, shown);
        Assert.Equal("Ready", (await app.StatusAsync("drift-repair"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManagedClusterDeletedInArm_StatusIsMissing()
    {
        var (request, _) = await BuildAsync("drift-missing", "developer");
        var resourceId = app.Cloud.Clusters.Clusters.Keys.Single(k => k.EndsWith("/managedClusters/drift-missing", StringComparison.Ordinal));

        using var arm = new HttpClient(app.Cloud.Arm.CreateHttpHandler()) { BaseAddress = app.Cloud.Arm.Endpoint };
        arm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "someone-else");
        using var deleted = await arm.DeleteAsync($"{resourceId}?api-version={ArmBodyRenderer.ApiVersion}");
        Assert.True(deleted.IsSuccessStatusCode, $"ARM answered {(int)deleted.StatusCode}");
        var status = await StatusAsync("drift-missing", s => s["state"]?.GetValue<string>() == "Missing");

        Assert.Matches("managedClusters/drift-missing (no longer exists|is being deleted) in Azure Resource Manager$", status["drift"]![0]!.GetValue<string>());
        await app.Events.WaitForAsync(ClusterEventTypes.Drifted, request.RequestId, Wait);
    }

    private async Task<(ClusterRequest Request, string Server)> BuildAsync(string name, string profile)
    {
        var request = new ClusterRequest(name, name, profile, RequestedBy: "platform");
        using var response = await app.PostAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, Wait);
        return (request, ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>());
    }

    private Task<JsonNode> NextCheckAsync(string name, JsonNode after)
    {
        var checkedAt = after["reconciledAt"]!.GetValue<DateTimeOffset>();
        return StatusAsync(name, s => s["reconciledAt"]?.GetValue<DateTimeOffset>() > checkedAt);
    }

    private Task<JsonNode> StatusAsync(string name, Func<JsonNode, bool> until) =>
        Polling.UntilAsync(async () => await app.StatusAsync(name) is var status && until(status) ? status : null, $"the status of {name} shows what reconcile found");
}
