using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A profile changes after its clusters were built (a newer Kubernetes version, a wider pool, more memory for Redis,
/// a policy dropped): a dry run shows each cluster's diff and changes nothing; the upgrade then takes the clusters in
/// waves, ARM control plane first and pools after it, and each cluster ends at the new version and says so.
/// </summary>
[Collection(nameof(UpgradeTests))]
public class UpgradeTests(UpgradeFixture app) : IClassFixture<UpgradeFixture>
{
    private const string RedisMemory = "jsonpath={.spec.template.spec.containers[0].resources.limits.memory}";
    private static readonly string[] Clusters = ["upg-a", "upg-b", "upg-c"];

    [Fact]
    public async Task ProfileChanged_DryRunChangesNothing_ThenWavesOfTwoUpgradeEveryClusterControlPlaneFirst()
    {
        await app.BuildAsync(Clusters);
        var oldVersion = await app.ProfileVersionAsync("upg-a");
        app.Edit("profiles/base.yaml", "kubernetesVersion: \"1.32\"", "kubernetesVersion: \"1.33\"");
        app.Edit("profiles/developer.yaml", "      minCount: 1\n      maxCount: 3", "      minCount: 1\n      maxCount: 4");
        app.Edit("profiles/developer.yaml", "memory: 256Mi", "memory: 320Mi");
        app.Edit("profiles/developer.yaml", "  - name: developer-access\n    parameters: { developerGroup: ai-developers }\n", "");
        app.Edit("profiles/developer.yaml", "  - name: kafka\n    parameters: { storage: 5Gi }\n", "  - name: kafka\n    parameters: { storage: 5Gi }\n  - name: logging\n");

        using var dryRunStarted = await app.UpgradeAsync("""{"waveSize": 2, "dryRun": true}""");
        var dryRun = await app.FinishedUpgradeAsync(dryRun: true);

        Assert.Equal(HttpStatusCode.Accepted, dryRunStarted.StatusCode);
        Assert.Equal("DryRun", dryRun["state"]!.GetValue<string>());
        var newVersion = dryRun["profileVersion"]!.GetValue<string>();
        Assert.NotEqual(oldVersion, newVersion);
        Assert.Equal(Clusters, dryRun["diffs"]!.AsArray().Select(d => d!["clusterName"]!.GetValue<string>()));
        foreach (var diff in dryRun["diffs"]!.AsArray())
        {
            Assert.Equal(oldVersion, diff!["fromVersion"]!.GetValue<string>());
            Assert.Equal("1.32", diff["infrastructure"]!["kubernetesVersionFrom"]!.GetValue<string>());
            Assert.Equal("1.33", diff["infrastructure"]!["kubernetesVersionTo"]!.GetValue<string>());
            var pool = Assert.Single(diff["infrastructure"]!["nodePools"]!.AsArray())!;
            Assert.Equal(("apps", "maxCount 3 -> 4"), (pool["name"]!.GetValue<string>(), pool["details"]!.GetValue<string>()));
            Assert.Contains("Deployment redis/redis", Names(diff["manifests"]!["change"]!));
            // The logging app is new, its namespace too: everything in it is to create (a dry run there would be refused).
            Assert.Contains("Namespace logging", Names(diff["manifests"]!["create"]!));
            Assert.Contains(Names(diff["manifests"]!["create"]!), n => n.StartsWith("StatefulSet logging/", StringComparison.Ordinal) || n.StartsWith("Deployment logging/", StringComparison.Ordinal));
            Assert.Equal(["Role ai/model-serving-developer", "RoleBinding ai/model-serving-developer"], Names(diff["manifests"]!["delete"]!));
        }

        // The dry run touched nothing: versions, objects and the managed clusters are as built.
        foreach (var name in Clusters)
        {
            Assert.Equal(oldVersion, await app.ProfileVersionAsync(name));
            Assert.Equal("256Mi", (await app.KubectlAsync(name, "get", "deployment", "redis", "-n", "redis", "-o", RedisMemory)).Output.Trim());
            Assert.Equal("1.32", (await app.ArmBodyAsync(name))["properties"]!["kubernetesVersion"]!.GetValue<string>());
            Assert.Contains("NotFound", (await app.KubectlAsync(name, "get", "namespace", "logging")).Output);
        }

        using var started = await app.UpgradeAsync("""{"waveSize": 2}""");
        var upgrade = await app.FinishedUpgradeAsync(dryRun: false);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"upgrade-developer-{newVersion}", JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        Assert.Equal("Succeeded", upgrade["state"]!.GetValue<string>());
        Assert.Equal([["upg-a", "upg-b"], ["upg-c"]], upgrade["waves"]!.AsArray().Select(w => Names(w!).ToArray()).ToArray());
        Assert.All(upgrade["clusters"]!.AsArray(), c => Assert.Equal("Upgraded", c!["state"]!.GetValue<string>()));
        foreach (var name in Clusters)
        {
            var upgraded = await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, name, UpgradeFixture.Patience);
            Assert.Equal(oldVersion, upgraded["data"]!["previousProfileVersion"]!.GetValue<string>());
            Assert.Equal(newVersion, upgraded["data"]!["profileVersion"]!.GetValue<string>());
            Assert.Equal(newVersion, await app.ProfileVersionAsync(name));
            Assert.Equal("320Mi", (await app.KubectlAsync(name, "get", "deployment", "redis", "-n", "redis", "-o", RedisMemory)).Output.Trim());
            Assert.Contains("NotFound", (await app.KubectlAsync(name, "get", "role", "model-serving-developer", "-n", "ai")).Output);
            Assert.Equal(0, (await app.KubectlAsync(name, "get", "namespace", "logging")).Exit);
            var arm = (await app.ArmBodyAsync(name))["properties"]!;
            Assert.Equal("1.33", arm["kubernetesVersion"]!.GetValue<string>());
            Assert.All(arm["agentPoolProfiles"]!.AsArray(), p => Assert.Equal("1.33", p!["orchestratorVersion"]!.GetValue<string>()));
            Assert.Equal(4, arm["agentPoolProfiles"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "apps")!["maxCount"]!.GetValue<int>());
            AssertControlPlaneBeforePools(name);
        }

        using var again = await app.UpgradeAsync("""{"waveSize": 2}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Upgrade_ByACallerWithoutThePlatformRole_Is403_AndABadBodyIs400NamingTheField()
    {
        using var developer = new HttpClient { BaseAddress = app.App.BaseAddress };
        developer.DefaultRequestHeaders.Add("x-functions-key", app.DeveloperKey);

        using var forbidden = await app.UpgradeAsync("""{"dryRun": true}""", developer);
        using var status = await developer.GetAsync("api/profiles/developer/upgrade");
        using var badType = await app.UpgradeAsync("""{"waveSize": "2"}""");
        using var tooBig = await app.UpgradeAsync("""{"waveSize": 101}""");
        using var unknown = await app.UpgradeAsync("""{"dryrun": true}""");
        using var noProfile = await app.Http.PostAsync("api/profiles/nope/upgrade", null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("role 'platform'", await forbidden.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal("waveSize", await FieldAsync(badType));
        Assert.Equal("waveSize", await FieldAsync(tooBig));
        Assert.Equal("dryrun", await FieldAsync(unknown));
        Assert.Equal(HttpStatusCode.NotFound, noProfile.StatusCode);
    }

    /// <summary>ARM saw the cluster's PUT (its control plane) before any of its pools' PUTs.</summary>
    private void AssertControlPlaneBeforePools(string name)
    {
        var requests = app.Cloud.Arm.Requests.ToList();
        var controlPlane = requests.FindLastIndex(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains($"/managedClusters/{name}?", StringComparison.Ordinal));
        var pools = requests.Select((r, i) => (r, i)).Where(x => x.r.StartsWith("PUT ", StringComparison.Ordinal) && x.r.Contains($"/managedClusters/{name}/agentPools/", StringComparison.Ordinal)).ToList();
        Assert.True(controlPlane >= 0, $"no PUT of managed cluster {name} in ARM's log");
        Assert.Equal(3, pools.Count);
        Assert.All(pools, p => Assert.True(p.i > controlPlane, $"{p.r} came before the control plane's PUT"));
    }

    private static async Task<string> FieldAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["field"]!.GetValue<string>();
    }

    private static List<string> Names(JsonNode list) => list.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
