using System.Net;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Http;

/// <summary>
/// Upgrades as AKS takes them: the control plane through the cluster's PUT, one minor version at a time, then each
/// pool through its agentPools resource, never newer than the control plane; refusals are ARM errors naming the field.
/// </summary>
public sealed class KubernetesUpgradeTests
{
    private static string PoolPath(string pool) => EmulatorClient.ClusterPath().Replace("?", $"/agentPools/{pool}?", StringComparison.Ordinal);

    [Fact]
    public async Task ControlPlaneThenPools_OneMinorVersion_EachPoolReportsItsOwnVersion()
    {
        await using var client = await ReadyClusterAsync();

        var controlPlane = await client.PutClusterAsync(WithVersion(SampleBodies.Production(), "1.33"));
        await client.Http.GetAsync(EmulatorClient.ClusterPath()); // the operation finishes when read
        var afterControlPlane = await ClusterAsync(client);
        var pool = await client.Http.PutAsync(PoolPath("system"), EmulatorClient.Json(new JsonObject { ["properties"] = PoolBody(afterControlPlane, "system", "1.33") }));
        var afterPool = await ClusterAsync(client);

        Assert.Equal(HttpStatusCode.OK, controlPlane.StatusCode);
        Assert.Equal("1.33", afterControlPlane["properties"]!["kubernetesVersion"]!.GetValue<string>());
        Assert.Equal(["1.32", "1.32"], PoolVersions(afterControlPlane));
        Assert.Equal(HttpStatusCode.OK, pool.StatusCode);
        Assert.NotEmpty(pool.Headers.GetValues("Azure-AsyncOperation"));
        Assert.Equal("1.33", (await EmulatorClient.ReadAsync(pool))["properties"]!["orchestratorVersion"]!.GetValue<string>());
        Assert.Equal(["1.33", "1.32"], PoolVersions(afterPool));
        var read = await EmulatorClient.ReadAsync(await client.Http.GetAsync(PoolPath("system")));
        Assert.Equal("Microsoft.ContainerService/managedClusters/agentPools", read["type"]!.GetValue<string>());
        Assert.Equal("1.33", read["properties"]!["currentOrchestratorVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ControlPlane_SkippingAMinorVersion_Is400UpgradeNotAllowed_AndNothingChanges()
    {
        await using var client = await ReadyClusterAsync();

        var put = await client.PutClusterAsync(WithVersion(SampleBodies.Production(), "1.34"));

        var error = (await EmulatorClient.ReadAsync(put))["error"]!;
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("UpgradeNotAllowed", error["code"]!.GetValue<string>());
        Assert.Equal("properties.kubernetesVersion", error["target"]!.GetValue<string>());
        Assert.Contains("1.32 to 1.34", error["message"]!.GetValue<string>());
        Assert.Equal("1.32", (await ClusterAsync(client))["properties"]!["kubernetesVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ControlPlane_Downgrade_Is400UpgradeNotAllowed()
    {
        await using var client = await ReadyClusterAsync();

        var put = await client.PutClusterAsync(WithVersion(SampleBodies.Production(), "1.31"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("Downgrading", (await EmulatorClient.ReadAsync(put))["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pool_NewerThanControlPlane_Is400NodePoolMcVersionIncompatible_NamingOrchestratorVersion()
    {
        await using var client = await ReadyClusterAsync();

        var put = await client.Http.PutAsync(PoolPath("system"), EmulatorClient.Json(new JsonObject { ["properties"] = PoolBody(await ClusterAsync(client), "system", "1.33") }));

        var error = (await EmulatorClient.ReadAsync(put))["error"]!;
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("NodePoolMcVersionIncompatible", error["code"]!.GetValue<string>());
        Assert.Equal("properties.orchestratorVersion", error["target"]!.GetValue<string>());
        Assert.Equal(["1.32", "1.32"], PoolVersions(await ClusterAsync(client)));
    }

    [Fact]
    public async Task Pool_SkippingAMinorVersion_Is400UpgradeNotAllowed()
    {
        await using var client = await ReadyClusterAsync();
        await client.PutClusterAsync(WithVersion(SampleBodies.Production(), "1.33"));
        await client.Http.GetAsync(EmulatorClient.ClusterPath());
        await client.PutClusterAsync(WithVersion(WithPoolVersions(SampleBodies.Production(), "1.32"), "1.34"));
        await client.Http.GetAsync(EmulatorClient.ClusterPath());

        var put = await client.Http.PutAsync(PoolPath("gpu"), EmulatorClient.Json(new JsonObject { ["properties"] = PoolBody(await ClusterAsync(client), "gpu", "1.34") }));

        var error = (await EmulatorClient.ReadAsync(put))["error"]!;
        Assert.Equal("1.34", (await ClusterAsync(client))["properties"]!["kubernetesVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("UpgradeNotAllowed", error["code"]!.GetValue<string>());
        Assert.Contains("node pool 'gpu' from Kubernetes version 1.32 to 1.34", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PoolVmSize_Changed_Is400PropertyChangeNotAllowed_ThroughTheClusterAndThroughThePool()
    {
        await using var client = await ReadyClusterAsync();
        var body = SampleBodies.Production();
        body["properties"]!["agentPoolProfiles"]![1]!["vmSize"] = "Standard_NC24ads_A100_v4";
        var cluster = await ClusterAsync(client);
        var poolBody = PoolBody(cluster, "gpu", "1.32");
        poolBody["vmSize"] = "Standard_NC24ads_A100_v4";

        var throughCluster = await client.PutClusterAsync(body);
        var throughPool = await client.Http.PutAsync(PoolPath("gpu"), EmulatorClient.Json(new JsonObject { ["properties"] = poolBody }));

        var error = (await EmulatorClient.ReadAsync(throughCluster))["error"]!;
        Assert.Equal(HttpStatusCode.BadRequest, throughCluster.StatusCode);
        Assert.Equal("PropertyChangeNotAllowed", error["code"]!.GetValue<string>());
        Assert.Equal("properties.agentPoolProfiles[1].vmSize", error["target"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, throughPool.StatusCode);
        Assert.Equal("properties.vmSize", (await EmulatorClient.ReadAsync(throughPool))["error"]!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task PoolPut_WhileTheClusterUpdates_Is409OperationNotAllowed()
    {
        await using var client = await ReadyClusterAsync(TimeSpan.FromHours(1));
        var cluster = await ClusterAsync(client);

        var put = await client.Http.PutAsync(PoolPath("system"), EmulatorClient.Json(new JsonObject { ["properties"] = PoolBody(cluster, "system", "1.32") }));

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal("OperationNotAllowed", (await EmulatorClient.ReadAsync(put))["error"]!["code"]!.GetValue<string>());
    }

    private static async Task<EmulatorClient> ReadyClusterAsync(TimeSpan? provisioningTime = null)
    {
        var client = await EmulatorClient.StartAsync(new ArmEmulatorOptions { ProvisioningTime = provisioningTime ?? TimeSpan.Zero });
        await client.PutGroupAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PutClusterAsync(SampleBodies.Production())).StatusCode);
        await client.Http.GetAsync(EmulatorClient.ClusterPath());
        return client;
    }

    private static async Task<JsonObject> ClusterAsync(EmulatorClient client) =>
        await EmulatorClient.ReadAsync(await client.Http.GetAsync(EmulatorClient.ClusterPath()));

    private static JsonObject WithVersion(JsonObject body, string version)
    {
        body["properties"]!["kubernetesVersion"] = version;
        return body;
    }

    private static JsonObject WithPoolVersions(JsonObject body, string version)
    {
        foreach (var pool in body["properties"]!["agentPoolProfiles"]!.AsArray())
        {
            pool!["orchestratorVersion"] = version;
        }

        return body;
    }

    private static List<string> PoolVersions(JsonObject cluster) =>
        cluster["properties"]!["agentPoolProfiles"]!.AsArray().Select(p => p!["orchestratorVersion"]!.GetValue<string>()).ToList();

    /// <summary>The pool's profile as the cluster reports it, without its name and read-only state, at <paramref name="version"/>.</summary>
    private static JsonObject PoolBody(JsonObject cluster, string pool, string version)
    {
        var profile = (JsonObject)cluster["properties"]!["agentPoolProfiles"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == pool)!.DeepClone();
        foreach (var readOnly in new[] { "name", "provisioningState", "powerState", "currentOrchestratorVersion" })
        {
            profile.Remove(readOnly);
        }

        profile["orchestratorVersion"] = version;
        return profile;
    }
}
