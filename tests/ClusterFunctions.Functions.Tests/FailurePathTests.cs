using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

public class FailurePathTests(FailureFixture app) : IClassFixture<FailureFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Build_ArmOperationFails_ClusterFailedNamesInfrastructureAndTheProfileTearsDown()
    {
        app.Cloud.Arm.Faults.FailNextOperation("QuotaExceeded", "Operation results in exceeding approved standardNCADSA100v4Family Cores quota");
        var request = new ClusterRequest("arm-fail", "arm-fail", "production");

        await app.PostAsync(request);
        await Approvals.DecideWhenAskedAsync(app.Http, request.ClusterName);

        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, BuildTimeout);
        var failure = failed["data"]!["failure"]!;
        Assert.Equal("infrastructure", failure["step"]!.GetValue<string>());
        Assert.Contains("QuotaExceeded", failure["cause"]!.GetValue<string>());
        Assert.Contains("deleted", failure["cleanedUp"]![0]!.GetValue<string>());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/arm-fail", StringComparison.Ordinal));
        var status = await app.StatusAsync("arm-fail");
        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        Assert.Equal("Skipped", status["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "app/redis")!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Build_AppNeverReady_FailsItsStepWithTheReason_KeepOrTearDownAsTheProfileSays()
    {
        var kept = new ClusterRequest("never-ready-dev", "never-dev", "developer");
        var tornDown = new ClusterRequest("never-ready-test", "never-test", "testing");

        await app.PostAsync(kept);
        await app.PostAsync(tornDown);

        var keptEvent = await app.Events.WaitForAsync(ClusterEventTypes.Failed, kept.RequestId, BuildTimeout);
        var tornDownEvent = await app.Events.WaitForAsync(ClusterEventTypes.Failed, tornDown.RequestId, BuildTimeout);
        Assert.Equal("app/redis", keptEvent["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Contains("Deployment redis/redis", keptEvent["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.StartsWith("nothing", keptEvent["data"]!["failure"]!["cleanedUp"]![0]!.GetValue<string>());
        Assert.Contains(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/never-dev", StringComparison.Ordinal));
        Assert.Equal("app/redis", tornDownEvent["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/never-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_PoisonRequestOverHttp_IsRefusedBeforeAnythingStarts()
    {
        var response = await app.Http.PostAsync("api/clusters", new StringContent("""{"requestId":"p","clusterName":"x","profile":"developer","overrides":{"nodePools":{"gpu":{"maxCount":-5}}}}"""));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("overrides.nodePools.gpu.maxCount", JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task Build_ApprovalNeverGiven_FailsAtApprovalAfterItsWindowWithNothingCreated()
    {
        var request = new ClusterRequest("no-decision", "no-decision", "production");

        await app.PostAsync(request);

        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, BuildTimeout);
        Assert.Equal("approval", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.StartsWith("no decision within 5 s", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.Empty(failed["data"]!["failure"]!["cleanedUp"]!.AsArray());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/no-decision", StringComparison.Ordinal));
    }
}
