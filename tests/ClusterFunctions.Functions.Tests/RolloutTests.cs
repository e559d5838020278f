using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A profile changes in the catalog while its clusters run: with <c>rollout: auto</c> the next reconcile check starts
/// the profile's upgrade and the cluster ends at the new version by itself; with <c>rollout: manual</c> nothing
/// changes, and the catalog lists the rollout as waiting for a person.
/// </summary>
public class RolloutTests(RolloutFixture app) : IClassFixture<RolloutFixture>
{
    private const string RedisMemory = "jsonpath={.spec.template.spec.containers[0].resources.limits.memory}";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task RolloutAuto_ProfileEdited_TheClusterIsUpgradedByItself_AndNothingIsLeftPending()
    {
        var request = await BuildAsync("roll-auto", "developer");
        var oldVersion = await ProfileVersionAsync("roll-auto");

        app.Edit("profiles/developer.yaml", "memory: 256Mi", "memory: 320Mi");
        var upgraded = await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, request.RequestId, Wait);

        var newVersion = upgraded["data"]!["profileVersion"]!.GetValue<string>();
        Assert.Equal(oldVersion, upgraded["data"]!["previousProfileVersion"]!.GetValue<string>());
        Assert.NotEqual(oldVersion, newVersion);
        Assert.Equal(newVersion, await ProfileVersionAsync("roll-auto"));
        Assert.Equal("320Mi", (await KubectlAsync("roll-auto", "get", "deployment", "redis", "-n", "redis", "-o", RedisMemory)).Output.Trim());
        var upgrade = await FinishedUpgradeAsync("developer");
        Assert.Equal(("Succeeded", "catalog-rollout"), (upgrade["state"]!.GetValue<string>(), upgrade["requestedBy"]!.GetValue<string>()));
        Assert.Equal($"upgrade-developer-{newVersion}", (await LatestUpgradeAsync("developer"))["id"]!.GetValue<string>());
        Assert.DoesNotContain((await CatalogAsync())["rollouts"]!.AsArray(), r => r!["profile"]!.GetValue<string>() == "developer");
    }

    [Fact]
    public async Task RolloutAuto_ABuildWhosePlanPredatesTheChange_IsUpgradedOnceReady_ThoughTheRolloutHadFinished()
    {
        var first = await BuildAsync("roll-first", "production");
        var oldVersion = await ProfileVersionAsync("roll-first");
        // The late build renders its plan (at the old version) and then waits for a person while the profile changes.
        var late = new ClusterRequest("roll-late", "roll-late", "production", RequestedBy: "platform");
        using (var posted = await app.PostAsync(late))
        {
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        await Approvals.WaitUntilAskedAsync(app.Http, "roll-late");

        app.Edit("profiles/production.yaml", "replicas: 2", "replicas: 3");
        var newVersion = (await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, first.RequestId, Wait))["data"]!["profileVersion"]!.GetValue<string>();
        Assert.Equal("Succeeded", (await FinishedUpgradeAsync("production"))["state"]!.GetValue<string>());
        using (var approved = await app.Http.PostAsJsonAsync("api/clusters/roll-late/approve", new { approved = true }))
        {
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        }

        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, late.RequestId, Wait);
        Assert.Equal(oldVersion, ready["data"]!["profileVersion"]!.GetValue<string>());
        var upgraded = await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, late.RequestId, Wait);
        Assert.Equal((oldVersion, newVersion), (upgraded["data"]!["previousProfileVersion"]!.GetValue<string>(), upgraded["data"]!["profileVersion"]!.GetValue<string>()));
        Assert.Equal(newVersion, await ProfileVersionAsync("roll-late"));
        Assert.Equal("3", (await KubectlAsync("roll-late", "get", "deployment", "model-serving", "-n", "ai", "-o", "jsonpath={.spec.replicas}")).Output.Trim());
    }

    [Fact]
    public async Task RolloutManual_ProfileEdited_NothingStarts_AndTheCatalogShowsTheRolloutWaitingForAPerson()
    {
        await BuildAsync("roll-manual", "testing");
        var oldVersion = await ProfileVersionAsync("roll-manual");

        app.Edit("profiles/testing.yaml", "maxCount: 4", "maxCount: 5");
        // Two reconcile checks after the edit: each would have started an automatic rollout.
        var status = await NextCheckAsync("roll-manual", await NextCheckAsync("roll-manual", await app.StatusAsync("roll-manual")));
        await NextCheckAsync("roll-manual", status);

        var pending = Assert.Single((await CatalogAsync())["rollouts"]!.AsArray(), r => r!["profile"]!.GetValue<string>() == "testing")!;
        Assert.Equal("manual", pending["rollout"]!.GetValue<string>());
        Assert.Equal(1, pending["clustersBehind"]!.GetValue<int>());
        Assert.Null(pending["upgrade"]);
        Assert.Equal("waits for a person: ./cluster upgrade --profile testing", pending["next"]!.GetValue<string>());
        Assert.NotEqual(oldVersion, pending["version"]!.GetValue<string>());
        Assert.Equal(oldVersion, await ProfileVersionAsync("roll-manual"));
        using var upgrades = await app.Http.GetAsync("api/profiles/testing/upgrade");
        Assert.Equal(HttpStatusCode.NotFound, upgrades.StatusCode);
    }

    private async Task<ClusterRequest> BuildAsync(string name, string profile)
    {
        var request = new ClusterRequest(name, name, profile, RequestedBy: "platform");
        using var response = await app.PostAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        if (profile == "production")
        {
            using var approved = await Approvals.DecideWhenAskedAsync(app.Http, name);
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        }

        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, Wait);
        return request;
    }

    private async Task<string> ProfileVersionAsync(string name) => (await app.StatusAsync(name))["profileVersion"]!.GetValue<string>();

    private async Task<JsonNode> CatalogAsync() => JsonNode.Parse(await app.Http.GetStringAsync("api/catalog"))!;

    private async Task<JsonNode> LatestUpgradeAsync(string profile) => JsonNode.Parse(await app.Http.GetStringAsync($"api/profiles/{profile}/upgrade"))!;

    private Task<JsonNode> FinishedUpgradeAsync(string profile) =>
        Polling.UntilAsync(async () => await LatestUpgradeAsync(profile) is var latest && latest["runtimeStatus"]!.GetValue<string>() == "Completed" ? latest["upgrade"] : null,
            $"the upgrade of profile {profile} completes");

    private Task<JsonNode> NextCheckAsync(string name, JsonNode after)
    {
        var checkedAt = after["reconciledAt"]?.GetValue<DateTimeOffset>() ?? DateTimeOffset.MinValue;
        return Polling.UntilAsync(async () => await app.StatusAsync(name) is var status && status["reconciledAt"]?.GetValue<DateTimeOffset>() > checkedAt ? status : null,
            $"reconcile checks {name} once more");
    }

    private Task<(int Exit, string Output)> KubectlAsync(string name, params string[] args) =>
        Kubectl.RunAsync(app.Cloud.Clusters.Clusters.Single(c => c.Key.EndsWith($"/managedClusters/{name}", StringComparison.OrdinalIgnoreCase)).Value, args);
}
