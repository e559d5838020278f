using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>Approvals, and that only the app's routes start and approve builds (not the Durable management API).</summary>
public class ApprovalRouteTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("""{"approved":"true"}""", "approved")]
    [InlineData("""{"approved":true,"approved":false}""", "approved")]
    [InlineData("""{"approved":true,"approver":"someone-else"}""", "approver")]
    public async Task Approve_LooseJson_Returns400NamingTheField(string body, string field)
    {
        var response = await app.Http.PostAsync("api/clusters/anything/approve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["field"]!.GetValue<string>() == field);
    }

    [Fact]
    public async Task Build_StartedThroughTheManagementApi_CreatesNothing_AndFailsAtPlanSayingWhy()
    {
        // With the system key the extension starts any orchestration with any input: a production build in
        // someone else's name, past requesters, approval and quotas.
        var input = """{"request":{"requestId":"mgmt-1","clusterName":"mgmt","profile":"production","requestedBy":"mallory"},"timings":{"infrastructurePoll":"00:00:00.050","gatePoll":"00:00:00.050","infrastructureTimeout":"00:10:00"}}""";
        var started = await app.Management.PostAsync("runtime/webhooks/durabletask/orchestrators/CreateCompleteClusterOrchestrator/cluster-mgmt",
            new StringContent(input, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, "mgmt-1", BuildTimeout);
        Assert.Equal("plan", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Contains("was not started through the app's create route", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/mgmt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovalEvent_RaisedThroughTheManagementApi_IsIgnored_OnlyTheApprovalRouteDecides()
    {
        var request = new ClusterRequest("forged-1", "forged", "production");
        await app.PostAsync(request);
        await Approvals.WaitUntilAskedAsync(app.Http, "forged");

        // With the system key, raiseEvent takes any payload: an approval in someone else's name, signature made up.
        var forged = await app.Management.PostAsync("runtime/webhooks/durabletask/instances/cluster-forged/raiseEvent/approval",
            new StringContent($$"""{"approved":true,"by":"mallory","comment":null,"signature":"{{new string('0', 64)}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        using (var wait = new CancellationTokenSource(BuildTimeout))
        {
            // The build checked the event (its VerifyApprovalActivity completed) and went back to waiting.
            while (!(await app.Management.GetStringAsync("runtime/webhooks/durabletask/instances/cluster-forged?showHistory=true", wait.Token)).Contains(nameof(Activities.VerifyApprovalActivity), StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), wait.Token);
            }
        }

        await Approvals.WaitUntilAskedAsync(app.Http, "forged");
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/forged", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, (await Approvals.DecideWhenAskedAsync(app.Http, "forged")).StatusCode);
        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        Assert.Equal("key:tests", ready["data"]!["approvedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCluster_Production_WaitsForApprovalBeforeCreatingAnythingThenRecordsTheApprover()
    {
        var request = new ClusterRequest("approve-1", "approved", "production");
        await app.PostAsync(request);
        await Approvals.WaitUntilAskedAsync(app.Http, "approved");
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/approved", StringComparison.Ordinal));

        var decision = await Approvals.DecideWhenAskedAsync(app.Http, "approved", comment: "change 42");

        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        Assert.Equal("key:tests", ready["data"]!["approvedBy"]!.GetValue<string>());
        Assert.Equal(["plan", "approval", "infrastructure"], ready["data"]!["steps"]!.AsArray().Take(3).Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PostCluster_ProductionDenied_FailsAtApprovalWithoutCreatingACluster()
    {
        var request = new ClusterRequest("deny-1", "denied", "production");
        await app.PostAsync(request);

        using var developer = new HttpClient { BaseAddress = app.App.BaseAddress };
        developer.DefaultRequestHeaders.Add("x-functions-key", app.DeveloperKey);
        var notAnApprover = await Approvals.DecideWhenAskedAsync(developer, "denied");
        var denial = await Approvals.DecideWhenAskedAsync(app.Http, "denied", approved: false, comment: "no change window");

        Assert.Equal(HttpStatusCode.Forbidden, notAnApprover.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, denial.StatusCode);
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, BuildTimeout);
        Assert.Equal("approval", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Equal("denied by key:tests: no change window", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_ClusterNotWaiting_Returns409()
    {
        var request = new ClusterRequest("not-waiting", "not-waiting", "developer");
        await app.PostAsync(request);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);

        var response = await app.Http.PostAsync("api/clusters/not-waiting/approve", new StringContent("""{"approved":true}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
