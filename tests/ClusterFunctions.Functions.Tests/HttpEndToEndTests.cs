using Azure.Storage.Blobs;
using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

public class HttpEndToEndTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task PostCluster_ShippedProfile_SubscriberGetsClusterReadyAndClusterHasTheApps(string profile)
    {
        var request = new ClusterRequest($"http-{profile}", $"http-{profile}", profile);

        var response = await app.PostAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"cluster-http-{profile}", payload["id"]!.GetValue<string>());
        Assert.Equal(payload["statusQueryGetUri"]!.GetValue<string>(), response.Headers.Location!.ToString());

        if (profile == "production")
        {
            await Approvals.DecideWhenAskedAsync(app.Http, request.ClusterName);
        }

        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        Assert.Equal(request.ClusterName, ready["subject"]!.GetValue<string>());
        var data = ready["data"]!;
        Assert.Equal(profile, data["profile"]!.GetValue<string>());
        Assert.All(data["steps"]!.AsArray(), s => Assert.Equal("succeeded", s!["state"]!.GetValue<string>(), ignoreCase: true));
        var server = data["endpoints"]!["kubernetesApi"]!.GetValue<string>();

        var (exit, deployments) = await Kubectl.RunAsync(app.Cloud, server, "get", "deployments", "-A", "-o", "name");
        Assert.Equal(0, exit);
        Assert.Contains("deployment.apps/model-serving", deployments);
        Assert.Contains("deployment.apps/redis", deployments);
        var (_, statefulSets) = await Kubectl.RunAsync(app.Cloud, server, "get", "statefulsets", "-n", "kafka", "-o", "name");
        Assert.Contains("statefulset.apps/kafka", statefulSets);
        var (_, labels) = await Kubectl.RunAsync(app.Cloud, server, "get", "namespace", "ai", "-o", "jsonpath={.metadata.labels.pod-security\\.kubernetes\\.io/enforce}");
        Assert.Equal("restricted", labels.Trim());

        var status = await app.StatusAsync(request.ClusterName);
        Assert.Equal("Ready", status["state"]!.GetValue<string>());
        Assert.Equal(data["profileVersion"]!.GetValue<string>(), status["profileVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCluster_Developer_DeveloperCanExecIntoModelServingButNotChangeRbac()
    {
        var request = new ClusterRequest("rbac-dev", "rbac-dev", "developer");
        await app.PostAsync(request);
        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        var server = ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>();
        string[] developer = ["--as", "dana", "--as-group", "ai-developers"];

        Assert.Equal("yes", (await Kubectl.RunAsync(app.Cloud, server, ["auth", "can-i", "create", "pods", "--subresource=exec", "-n", "ai", .. developer])).Output.Trim());
        Assert.Equal("yes", (await Kubectl.RunAsync(app.Cloud, server, ["auth", "can-i", "patch", "deployments/model-serving", "-n", "ai", .. developer])).Output.Trim());
        Assert.StartsWith("no", (await Kubectl.RunAsync(app.Cloud, server, ["auth", "can-i", "patch", "deployments/redis", "-n", "ai", .. developer])).Output.Trim());
        Assert.StartsWith("no", (await Kubectl.RunAsync(app.Cloud, server, ["auth", "can-i", "create", "roles", "-n", "ai", .. developer])).Output.Trim());
        Assert.StartsWith("no", (await Kubectl.RunAsync(app.Cloud, server, ["auth", "can-i", "get", "pods", "-n", "redis", .. developer])).Output.Trim());
    }

    [Fact]
    public async Task PostCluster_Production_NobodyButThePlatformCanChangeRbac()
    {
        var request = new ClusterRequest("rbac-prod", "rbac-prod", "production");
        await app.PostAsync(request);
        await Approvals.DecideWhenAskedAsync(app.Http, request.ClusterName);
        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        var server = ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>();

        var (exit, output) = await Kubectl.RunAsync(app.Cloud, server, "--as", "mallory", "--as-group", "system:masters", "delete", "clusterrolebinding", "clusterfunctions-prometheus");

        Assert.NotEqual(0, exit);
        Assert.Contains("only the platform identity may change roles", output);
        Assert.Equal(0, (await Kubectl.RunAsync(app.Cloud, server, "get", "clusterrolebinding", "clusterfunctions-prometheus")).Exit);
    }

    [Fact]
    public async Task PostCluster_SameRequestTwice_StartsOneBuild_AnotherRequestForTheNameIsRefused()
    {
        var request = new ClusterRequest("dup-1", "dup", "developer");

        var first = await app.PostAsync(request);
        var second = await app.PostAsync(request);
        var other = await app.PostAsync(request with { RequestId = "dup-2" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("taken by request 'dup-1'", await other.Content.ReadAsStringAsync());
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, "dup-1", BuildTimeout);
        Assert.Single(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/dup", StringComparison.Ordinal));

        // The same request after the build finished (a late retry) finds the finished build, not a new one.
        JsonNode finished;
        using (var wait = new CancellationTokenSource(BuildTimeout))
        {
            while ((finished = JsonNode.Parse(await app.Management.GetStringAsync("runtime/webhooks/durabletask/instances/cluster-dup", wait.Token))!)["runtimeStatus"]!.GetValue<string>() != "Completed")
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), wait.Token);
            }
        }

        var late = await app.PostAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        var status = JsonNode.Parse(await app.Management.GetStringAsync("runtime/webhooks/durabletask/instances/cluster-dup"))!;
        Assert.Equal(finished["createdTime"]!.GetValue<string>(), status["createdTime"]!.GetValue<string>());
        Assert.Equal("Completed", status["runtimeStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCluster_RequestIdReusedForAnotherCluster_Returns409NamingItsCluster()
    {
        var first = await app.PostAsync(new ClusterRequest("rid-reused", "rid-first", "developer"));
        var reused = await app.PostAsync(new ClusterRequest("rid-reused", "rid-second", "developer"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("requestId 'rid-reused' belongs to cluster 'rid-first'", await reused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("api/clusters/rid-second")).StatusCode);
    }

    [Fact]
    public async Task PostCluster_InvalidRequest_Returns400NamingEveryField()
    {
        var response = await app.Http.PostAsync("api/clusters", new StringContent("""{"requestId":"x","clusterName":"Bad_Name","profile":"staging"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["field"]!.GetValue<string>() == "clusterName");
        Assert.Contains(errors, e => e!["field"]!.GetValue<string>() == "profile" && e["message"]!.GetValue<string>().Contains("unknown profile 'staging'"));
    }

    [Theory]
    [InlineData("""{"requestId":"dup","clusterName":"dup","clusterName":"other","profile":"developer"}""", "clusterName", "more than once")]
    [InlineData("""{"requestId":"str","clusterName":"str","profile":"developer","overrides":{"nodePools":{"gpu":{"minCount":"0"}}}}""", "overrides.nodePools.gpu.minCount", "expected a number")]
    [InlineData("""{"requestId":"unk","clusterName":"unk","profile":"developer","priority":"high"}""", "priority", "unknown field")]
    public async Task PostCluster_LooseJson_Returns400NamingTheField(string body, string field, string rule)
    {
        var response = await app.Http.PostAsync("api/clusters", new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["field"]!.GetValue<string>() == field && e["message"]!.GetValue<string>().Contains(rule));
    }

    [Fact]
    public async Task PostCluster_MalformedJson_Returns400NotAStackTrace()
    {
        var response = await app.Http.PostAsync("api/clusters", new StringContent("{\"requestId\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("malformed JSON at line 1", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task PostCluster_OversizedBody_Returns413()
    {
        var response = await app.Http.PostAsync("api/clusters", new StringContent(new string('x', RequestLimits.MaxBodyBytes + 10)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GetCluster_Unknown_Returns404()
    {
        var response = await app.Http.GetAsync("api/clusters/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostPlan_ReturnsThePlanWithoutBuilding()
    {
        var response = await app.Http.PostAsync("api/plans", new StringContent("""{"requestId":"p1","clusterName":"planned","profile":"production"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("centralindia", plan["infrastructure"]!["aks"]!["location"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("api/clusters/planned")).StatusCode);
    }

    [Fact]
    public async Task GetProfiles_ListsTheShippedProfilesWithVersions()
    {
        var profiles = JsonNode.Parse(await app.Http.GetStringAsync("api/profiles"))!.AsArray();

        Assert.Equal(["developer", "production", "testing"], profiles.Select(p => p!["name"]!.GetValue<string>()));
        Assert.All(profiles, p => Assert.Matches("^[0-9a-f]{12}$", p!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetSchema_ServesTheRequestSchema_WhoseExamplesTheAppAccepts()
    {
        using var response = await app.Http.GetAsync("api/schema");
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["requestId", "clusterName", "profile"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        foreach (var example in schema["examples"]!.AsArray())
        {
            using var plan = await app.Http.PostAsync("api/plans", new StringContent(example!.ToJsonString()));
            Assert.True(plan.StatusCode == HttpStatusCode.OK, $"{example.ToJsonString()} -> {(int)plan.StatusCode} {await plan.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task DeleteCluster_AfterBuild_DeletesTheManagedClusterAndEmitsClusterDeleted_AndItsRecordGoes()
    {
        var request = new ClusterRequest("del-1", "to-delete", "developer");
        await app.PostAsync(request);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        var record = await ClusterRecordAsync("to-delete");
        Assert.NotNull(record);
        Assert.Equal(request.RequestId, record["plan"]!["requestId"]!.GetValue<string>());
        Assert.Equal((await app.StatusAsync("to-delete"))["profileVersion"]!.GetValue<string>(), record["plan"]!["profileVersion"]!.GetValue<string>());
        Assert.NotEmpty(record["plan"]!["levels"]!.AsArray());

        var response = await app.Http.DeleteAsync("api/clusters/to-delete");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Deleted, request.RequestId, BuildTimeout);
        Assert.Equal("Deleted", (await app.StatusAsync("to-delete"))["state"]!.GetValue<string>());
        Assert.DoesNotContain(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/to-delete", StringComparison.Ordinal));
        Assert.Null(await ClusterRecordAsync("to-delete"));
    }

    /// <summary>The cluster's record (what reconcile and upgrades work from) as the ledger holds it, or null.</summary>
    private async Task<JsonNode?> ClusterRecordAsync(string clusterName)
    {
        var blob = new BlobContainerClient(app.App.StorageConnectionString, "clusterfunctions-ledger").GetBlobClient($"clusters/{clusterName}");
        return await blob.ExistsAsync() ? JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()) : null;
    }

    [Fact]
    public async Task DurableManagementApi_IsMounted()
    {
        var response = await app.Management.GetAsync("runtime/webhooks/durabletask/instances/cluster-nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostCluster_DeveloperRoleForProduction_Returns403NamingTheAllowedRoles()
    {
        using var developer = new HttpClient { BaseAddress = app.App.BaseAddress };
        developer.DefaultRequestHeaders.Add("x-functions-key", app.DeveloperKey);

        var denied = await developer.PostAsync("api/clusters", new StringContent("""{"requestId":"dev-prod","clusterName":"dev-prod","profile":"production"}"""));
        var allowed = await developer.PostAsync("api/clusters", new StringContent("""{"requestId":"dev-dev","clusterName":"dev-dev","profile":"developer"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("'key:developer' may not request profile 'production' (allowed: platform)", await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, "dev-dev", BuildTimeout);
        Assert.Equal("key:developer", (await app.StatusAsync("dev-dev"))["requestedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCluster_ArmThrottlesPastTheSdksRetries_BuildWaitsOnADurableTimerAndSucceeds()
    {
        app.Cloud.Arm.Faults.Add(ClusterFunctions.LocalCloud.Arm.Faults.ArmFault.Throttle("PUT", "managedClusters/throttled", TimeSpan.FromSeconds(1), times: 6));
        var request = new ClusterRequest("throttled-1", "throttled", "developer");

        await app.PostAsync(request);

        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        Assert.Equal(0, app.Cloud.Arm.Faults.Pending);
        Assert.Single(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/throttled", StringComparison.Ordinal));
    }
}
