using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A cluster with a ttl warns its subscribers, then is deleted by the same delete as <c>./cluster delete</c>; the
/// requester (or a profile requester) pushes the expiry back through the extend route, and nobody else can.
/// </summary>
public class ExpiryTests(ExpiryFixture app) : IClassFixture<ExpiryFixture>
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ttl_RunsOut_SubscribersGetExpiringThenClusterDeletedAsExpired_AndTheManagedClusterIsGone()
    {
        var request = new ClusterRequest("exp-short", "exp-short", "developer", Ttl: "6s");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);

        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, EventTimeout);
        var expiring = await app.Events.WaitForAsync(ClusterEventTypes.Expiring, request.RequestId, EventTimeout);
        var deleted = await app.Events.WaitForAsync(ClusterEventTypes.Deleted, request.RequestId, EventTimeout);

        Assert.Equal("exp-short", expiring["subject"]!.GetValue<string>());
        Assert.NotNull(expiring["data"]!["expiresAt"]);
        Assert.Contains("./cluster extend exp-short 4h", expiring["data"]!["extend"]!.GetValue<string>());
        Assert.Equal("expired", deleted["data"]!["reason"]!.GetValue<string>());
        Assert.Equal("Deleted", (await app.StatusAsync("exp-short"))["state"]!.GetValue<string>());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/exp-short", StringComparison.Ordinal));
        var lease = await InstanceAsync("expiry-exp-short");
        Assert.Equal("Completed", lease!["runtimeStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Extend_BeforeExpiry_MovesExpiresAt_TheClusterOutlivesItsOldExpiry_AndADeleteByHandEndsTheLease()
    {
        var request = new ClusterRequest("exp-extend", "exp-extend", "developer", Ttl: "20s");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, EventTimeout);
        var expiresAt = await ExpiresAtAsync("exp-extend", _ => true);

        using var developer = Caller(app.DeveloperKey); // may request developer clusters, so may extend this one
        using var extended = await developer.PostAsync("api/clusters/exp-extend/extend", Json("""{"by":"1h"}"""));
        var body = JsonNode.Parse(await extended.Content.ReadAsStringAsync())!;
        var moved = await ExpiresAtAsync("exp-extend", at => at > expiresAt);
        // The lease would have deleted the cluster at its old expiry: wait past it, then look.
        await Polling.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expiresAt.AddSeconds(5)), "the old expiry has passed");

        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(expiresAt.AddHours(1), body["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(expiresAt.AddHours(1), moved);
        Assert.Equal("Ready", (await app.StatusAsync("exp-extend"))["state"]!.GetValue<string>());
        Assert.Null(await InstanceAsync("delete-exp-extend"));
        Assert.DoesNotContain(app.Events.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Deleted && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
        Assert.Contains(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/exp-extend", StringComparison.Ordinal));
        Assert.Equal("Running", (await InstanceAsync("expiry-exp-extend"))!["runtimeStatus"]!.GetValue<string>());

        using var deletedByHand = await app.Http.DeleteAsync("api/clusters/exp-extend");
        var deleted = await app.Events.WaitForAsync(ClusterEventTypes.Deleted, request.RequestId, EventTimeout);
        Assert.Equal(HttpStatusCode.Accepted, deletedByHand.StatusCode);
        Assert.Null(deleted["data"]!["reason"]);
        await Polling.UntilAsync(async () => (await InstanceAsync("expiry-exp-extend"))!["runtimeStatus"]!.GetValue<string>() == "Terminated", "the lease of a cluster deleted by hand ends");
    }

    [Fact]
    public async Task Extend_TwoAtOnce_BothCount()
    {
        var request = new ClusterRequest("exp-twice", "exp-twice", "developer"); // the profile's 8h
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, EventTimeout);
        var expiresAt = await ExpiresAtAsync("exp-twice", _ => true);

        // Both read the same expiry; the lease takes one, and the other's route asks again from the new expiry.
        using var developer = Caller(app.DeveloperKey);
        var answers = await Task.WhenAll(
            developer.PostAsync("api/clusters/exp-twice/extend", Json("""{"by":"1h"}""")),
            app.Http.PostAsync("api/clusters/exp-twice/extend", Json("""{"by":"2h"}""")));
        var bodies = await Task.WhenAll(answers.Select(async a => JsonNode.Parse(await a.Content.ReadAsStringAsync())!));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(expiresAt.AddHours(3), await ExpiresAtAsync("exp-twice", _ => true));
        Assert.Contains(bodies, b => b["expiresAt"]!.GetValue<DateTimeOffset>() == expiresAt.AddHours(3));
        // The warning is Build:ExpiryWarning ahead (this app's half hour), not the default hour.
        Assert.Equal(ExpiryFixture.Warning, TimeSpan.Parse((await InstanceAsync("expiry-exp-twice"))!["input"]!["Warning"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LeaseAndExtension_ForgedThroughTheManagementApi_DeleteAndMoveNothing()
    {
        var request = new ClusterRequest("exp-forged", "exp-forged", "developer"); // the profile's 8h
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, EventTimeout);
        var expiresAt = await ExpiresAtAsync("exp-forged", _ => true);
        var madeUp = new string('0', 64);

        // With the system key the extension starts any orchestration with any input: a lease already expired.
        using var started = await app.Management.PostAsync("runtime/webhooks/durabletask/orchestrators/ExpireClusterOrchestrator/expiry-forged",
            Json($$"""{"clusterName":"exp-forged","requestId":"exp-forged","expiresAt":"2020-01-01T00:00:00+00:00","warning":"00:00:01","signature":"{{madeUp}}"}"""));
        var forgedLease = await Polling.UntilAsync(async () => await InstanceAsync("expiry-forged") is { } i && i["runtimeStatus"]!.GetValue<string>() == "Completed" ? i : null, "the forged lease ends");
        // And raiseEvent takes any payload: an extension by two days in someone else's name, from the expiry in force.
        var before = await Polling.UntilAsync(() => LeaseStartedAsync("expiry-exp-forged"), "the lease runs");
        using var raised = await app.Management.PostAsync("runtime/webhooks/durabletask/instances/expiry-exp-forged/raiseEvent/extend",
            Json($$"""{"from":"{{expiresAt:O}}","expiresAt":"{{expiresAt.AddDays(2):O}}","by":"mallory","id":"forged","signature":"{{madeUp}}"}"""));
        // The lease continues as new once it has looked at an extension, whether it took it or not.
        await Polling.UntilAsync(async () => await LeaseStartedAsync("expiry-exp-forged") is { } now && now != before, "the lease looked at the forged extension");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("ignored: not signed by the app", forgedLease["output"]!.GetValue<string>());
        Assert.Null(await InstanceAsync("delete-exp-forged"));
        Assert.Contains(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/exp-forged", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Equal(expiresAt, await ExpiresAtAsync("exp-forged", _ => true));
        Assert.DoesNotContain(app.Events.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Expiring && e["data"]!["requestId"]!.GetValue<string>() == request.RequestId);
    }

    [Fact]
    public async Task Extend_ByACallerWhoNeitherRequestedTheClusterNorMayRequestItsProfile_Is403()
    {
        var request = new ClusterRequest("exp-prod", "exp-prod", "production", Ttl: "1h"); // waits for an approver
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await Approvals.WaitUntilAskedAsync(app.Http, "exp-prod");
        using var developer = Caller(app.DeveloperKey);

        using var refused = await developer.PostAsync("api/clusters/exp-prod/extend", Json("""{"by":"4h"}"""));
        using var notReady = await app.Http.PostAsync("api/clusters/exp-prod/extend", Json("""{"by":"4h"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'key:developer' may not extend cluster 'exp-prod': only its requester (key:tests) or a caller with a role of profile 'production' (platform) may", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, notReady.StatusCode);
        Assert.Contains("cluster 'exp-prod' has no expiry to extend", await notReady.Content.ReadAsStringAsync());
        using var _ = await app.Http.PostAsync("api/clusters/exp-prod/cancel", null);
    }

    [Fact]
    public async Task Extend_UnknownCluster_Returns404()
    {
        using var response = await app.Http.PostAsync("api/clusters/never-built/extend", Json("""{"by":"4h"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no cluster named 'never-built'", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"by":"4 hours"}""", "by")]
    [InlineData("""{"by":4}""", "by")]
    [InlineData("""{}""", "by")]
    [InlineData("""{"by":"4h","until":"never"}""", "until")]
    public async Task Extend_InvalidBody_Returns400NamingTheField(string body, string field)
    {
        using var response = await app.Http.PostAsync("api/clusters/anything/extend", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
    }

    [Theory]
    [InlineData("1h30m", "must be a whole number followed by s, m, h or d")]
    [InlineData("2d", "must be at most 8h, the ttl of profile 'developer'")]
    public async Task PostCluster_InvalidTtl_Returns400NamingTheField(string ttl, string rule)
    {
        using var response = await app.Http.PostAsync("api/clusters", Json($$"""{"requestId":"exp-bad","clusterName":"exp-bad","profile":"developer","ttl":"{{ttl}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray(),
            e => e!["field"]!.GetValue<string>() == "ttl" && e["message"]!.GetValue<string>().Contains(rule, StringComparison.Ordinal));
    }

    /// <summary>
    /// The cluster's expiresAt once its lease holds one that <paramref name="matches"/>, as the status shows it. The
    /// lease is polled through the management API: polling the status route would spend the caller's rate limit.
    /// </summary>
    private async Task<DateTimeOffset> ExpiresAtAsync(string cluster, Func<DateTimeOffset, bool> matches)
    {
        await Polling.UntilAsync(async () => await InstanceAsync($"expiry-{cluster}") is { } lease && lease["runtimeStatus"]!.GetValue<string>() == "Running"
            && matches(lease["input"]!["ExpiresAt"]!.GetValue<DateTimeOffset>()), $"{cluster}'s lease holds the expiry awaited");
        var shown = (await app.StatusAsync(cluster))["expiresAt"];
        Assert.NotNull(shown);
        Assert.True(matches(shown.GetValue<DateTimeOffset>()), $"the status shows expiresAt {shown}");
        return shown.GetValue<DateTimeOffset>();
    }

    private async Task<JsonNode?> InstanceAsync(string instanceId)
    {
        using var response = await app.Management.GetAsync($"runtime/webhooks/durabletask/instances/{instanceId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// When the lease's current execution started (the management API's times are whole seconds; its history's are
    /// not); null between two executions, when the new one has no history yet.
    /// </summary>
    private async Task<string?> LeaseStartedAsync(string instanceId)
    {
        var history = JsonNode.Parse(await app.Management.GetStringAsync($"runtime/webhooks/durabletask/instances/{instanceId}?showHistory=true"))!["historyEvents"]?.AsArray() ?? [];
        return history.FirstOrDefault(e => e!["EventType"]!.GetValue<string>() == "ExecutionStarted")?["Timestamp"]!.GetValue<string>();
    }

    private HttpClient Caller(string key)
    {
        var client = new HttpClient { BaseAddress = app.App.BaseAddress };
        client.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
