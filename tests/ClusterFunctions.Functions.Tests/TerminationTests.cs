using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A terminated build tells its subscribers (one ClusterFailed saying who terminated it and at which step), its status
/// says Terminated with the reason, and its quota slot is free again; whether it was terminated through the Durable
/// management API or cancelled by a person through the app's route.
/// </summary>
public class TerminationTests(TerminationFixture app) : IClassFixture<TerminationFixture>
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Terminate_ThroughTheManagementApiDuringInfrastructure_SubscribersGetOneClusterFailedNamingTheStepAndTheReason()
    {
        var request = new ClusterRequest("term-mgmt", "term-mgmt", "developer");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await InfrastructureWaitsOnArmAsync("term-mgmt");

        using var terminated = await app.Management.PostAsync("runtime/webhooks/durabletask/instances/cluster-term-mgmt/terminate?reason=stuck%20in%20ARM", null);
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, EventTimeout);
        await Announcer.TurnsAsync(app.Management, 2);
        await app.Events.DrainAsync();

        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        Assert.Equal("infrastructure", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Equal("terminated by an operator: stuck in ARM", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.Contains(failed["data"]!["steps"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "infrastructure" && string.Equals(s["state"]!.GetValue<string>(), "failed", StringComparison.OrdinalIgnoreCase));
        Assert.Single(app.Events.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Failed && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
        Assert.Single(app.LogLines.Lines, l => l.Contains("Build cluster-term-mgmt was terminated without announcing its outcome; published", StringComparison.Ordinal));
        var status = await app.StatusAsync("term-mgmt");
        Assert.Equal("Terminated", status["state"]!.GetValue<string>());
        Assert.Equal("terminated by an operator: stuck in ARM", status["failure"]!["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_ByTheRequester_TerminatesTheBuild_TheEventNamesTheCallerAndReason_ASecondCancelIs409()
    {
        var request = new ClusterRequest("term-cancel", "term-cancel", "developer");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await InfrastructureWaitsOnArmAsync("term-cancel");

        using var cancelled = await app.Http.PostAsync("api/clusters/term-cancel/cancel", Json("""{"reason":"no longer needed"}"""));
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, EventTimeout);
        using var again = await app.Http.PostAsync("api/clusters/term-cancel/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal("terminated by key:tests: no longer needed", JsonNode.Parse(await cancelled.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        Assert.Equal("infrastructure", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Equal("terminated by key:tests: no longer needed", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.Equal("nothing: the build was terminated before it could clean up; ./cluster delete term-cancel removes what it created",
            Assert.Single(failed["data"]!["failure"]!["cleanedUp"]!.AsArray())!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cluster 'term-cancel' is not being built", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cancel_ByACallerWhoNeitherRequestedTheClusterNorMayRequestItsProfile_Is403_AndTheBuildGoesOn()
    {
        var request = new ClusterRequest("term-prod", "term-prod", "production"); // waits for an approver
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await Approvals.WaitUntilAskedAsync(app.Http, "term-prod");
        using var developer = new HttpClient { BaseAddress = app.App.BaseAddress };
        developer.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, app.DeveloperKey);

        using var refused = await developer.PostAsync("api/clusters/term-prod/cancel", Json("""{"reason":"mine now"}"""));
        var state = (await app.StatusAsync("term-prod"))["state"]!.GetValue<string>();
        using var cancelled = await app.Http.PostAsync("api/clusters/term-prod/cancel", null);
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, EventTimeout);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'key:developer' may not cancel cluster 'term-prod': only its requester (key:tests) or a caller with a role of profile 'production' (platform) may", await refused.Content.ReadAsStringAsync());
        Assert.Equal("Building", state);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal("approval", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Equal("terminated by key:tests", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.Empty(failed["data"]!["failure"]!["cleanedUp"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"reason":5}""", "reason")]
    [InlineData("""{"reason":"a","reason":"b"}""", "reason")]
    [InlineData("""{"why":"no"}""", "why")]
    public async Task Cancel_LooseJson_Returns400NamingTheField(string body, string field)
    {
        using var response = await app.Http.PostAsync("api/clusters/anything/cancel", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
    }

    [Fact]
    public async Task Cancel_UnknownCluster_Returns404()
    {
        using var response = await app.Http.PostAsync("api/clusters/never-built/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no cluster named 'never-built'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Quota_RequesterAtTheirLimit_Gets202AgainOnceTheirRunningBuildIsTerminated()
    {
        using var requester = new HttpClient { BaseAddress = app.App.BaseAddress };
        requester.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, app.QuotaKey);
        Task<HttpResponseMessage> Create(string name) =>
            requester.PostAsync("api/clusters", Json($$"""{"requestId":"{{name}}","clusterName":"{{name}}","profile":"developer"}"""));

        Assert.Equal(HttpStatusCode.Accepted, (await Create("quota-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Create("quota-2")).StatusCode);
        using var atLimit = await Create("quota-3");
        using var terminated = await app.Management.PostAsync("runtime/webhooks/durabletask/instances/cluster-quota-1/terminate?reason=free%20a%20slot", null);
        // The engine ends the build when it takes the terminate message; until then the slot is still held.
        using var freed = await Polling.UntilAsync(async () =>
        {
            var answer = await Create("quota-3");
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                return answer;
            }

            answer.Dispose();
            return null;
        }, "quota-3 is accepted after quota-1 was terminated");

        Assert.Equal(HttpStatusCode.TooManyRequests, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        Assert.Equal("Terminated", (await app.StatusAsync("quota-1"))["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, freed.StatusCode);
        foreach (var name in new[] { "quota-2", "quota-3" })
        {
            // Stopped so their polling does not slow the other tests.
            using var _ = await requester.PostAsync($"api/clusters/{name}/cancel", null);
        }
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private Task InfrastructureWaitsOnArmAsync(string cluster) =>
        Polling.StepAsync(app.Http, cluster,
            s => s["name"]!.GetValue<string>() == "infrastructure" && s["waiting"]?.GetValue<string>() is { } w && w.Contains(" is Creating", StringComparison.Ordinal),
            $"{cluster}'s infrastructure step waits on ARM");
}
