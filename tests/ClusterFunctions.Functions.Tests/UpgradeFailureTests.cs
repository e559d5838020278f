using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.LocalCloud.Arm.Faults;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A cluster whose upgrade fails (ARM refuses its managed cluster's PUT) fails its wave, and the upgrade stops there:
/// the clusters of later waves are not attempted and stay at their version, and only the upgraded ones announce it.
/// </summary>
[Collection(nameof(UpgradeTests))]
public class UpgradeFailureTests(UpgradeFixture app) : IClassFixture<UpgradeFixture>
{
    [Fact]
    public async Task SecondWaveFails_ThirdIsNotAttempted_AndOnlyTheFirstClusterIsAtTheNewVersion()
    {
        await app.BuildAsync("upf-a", "upf-b", "upf-c");
        var oldVersion = await app.ProfileVersionAsync("upf-a");
        app.Edit("profiles/developer.yaml", "memory: 256Mi", "memory: 288Mi");
        // Once: ARM refuses this cluster's update for the first upgrade only (a 403 is not retried).
        app.Cloud.Arm.Faults.Add(new ArmFault("PUT", "/managedClusters/upf-b", 403, "RequestDisallowedByPolicy", "Resource 'upf-b' was disallowed by policy."));

        using var started = await app.UpgradeAsync("""{"waveSize": 1}""");
        var upgrade = await app.FinishedUpgradeAsync(dryRun: false);
        await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, "upf-a", UpgradeFixture.Patience);
        var failedEvent = await app.Events.WaitForAsync(ClusterEventTypes.UpgradeFailed, "upf-b", UpgradeFixture.Patience);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("Failed", upgrade["state"]!.GetValue<string>());
        Assert.Contains("wave 2 failed (upf-b)", upgrade["error"]!.GetValue<string>());
        var clusters = upgrade["clusters"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal("Upgraded", clusters["upf-a"]["state"]!.GetValue<string>());
        Assert.Equal("Failed", clusters["upf-b"]["state"]!.GetValue<string>());
        Assert.Contains("RequestDisallowedByPolicy", clusters["upf-b"]["error"]!.GetValue<string>());
        Assert.Equal("infrastructure", failedEvent["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Contains("RequestDisallowedByPolicy", failedEvent["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.Equal("NotAttempted", clusters["upf-c"]["state"]!.GetValue<string>());
        var newVersion = upgrade["profileVersion"]!.GetValue<string>();
        Assert.Equal(newVersion, await app.ProfileVersionAsync("upf-a"));
        Assert.Equal(oldVersion, await app.ProfileVersionAsync("upf-b"));
        Assert.Equal(oldVersion, await app.ProfileVersionAsync("upf-c"));
        // The failed cluster's record is its old plan again, not "upgrading": reconcile looks after it as before.
        Assert.Null((await app.StatusAsync("upf-b"))["upgradingTo"]);
        Assert.Equal("256Mi", (await app.KubectlAsync("upf-c", "get", "deployment", "redis", "-n", "redis", "-o", "jsonpath={.spec.template.spec.containers[0].resources.limits.memory}")).Output.Trim());
        await app.Events.DrainAsync();
        Assert.DoesNotContain(app.Events.All, e => e["type"]!.GetValue<string>() == ClusterEventTypes.Upgraded && e["subject"]!.GetValue<string>() != "upf-a");

        // Asked again for the same version, the upgrade takes the clusters still behind, and leaves the upgraded one be.
        using var retried = await app.UpgradeAsync("""{"waveSize": 1}""");
        var retry = await app.FinishedUpgradeAsync(dryRun: false);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("Succeeded", retry["state"]!.GetValue<string>());
        Assert.Equal(["upf-b", "upf-c"], retry["clusters"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Where(n => n != "upf-forged"));
        Assert.Contains($"upf-a: already at version {newVersion}", retry["skipped"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(newVersion, await app.ProfileVersionAsync("upf-b"));
        Assert.Equal(newVersion, await app.ProfileVersionAsync("upf-c"));

        // Two minor versions at once, which AKS refuses: the upgrade stops on the diff, before any cluster's PUT.
        app.Edit("profiles/base.yaml", "kubernetesVersion: \"1.32\"", "kubernetesVersion: \"1.34\"");
        using var jump = await app.UpgradeAsync("""{"waveSize": 3}""");
        var refused = await app.FinishedUpgradeAsync(dryRun: false);

        Assert.Equal(HttpStatusCode.Accepted, jump.StatusCode);
        Assert.Equal("Failed", refused["state"]!.GetValue<string>());
        Assert.Contains("nothing was changed: AKS would refuse upf-a: Kubernetes 1.32 -> 1.34", refused["error"]!.GetValue<string>());
        Assert.All(refused["clusters"]!.AsArray(), c => Assert.Equal("NotAttempted", c!["state"]!.GetValue<string>()));
        foreach (var name in new[] { "upf-a", "upf-b", "upf-c" })
        {
            Assert.Equal("1.32", (await app.ArmBodyAsync(name))["properties"]!["kubernetesVersion"]!.GetValue<string>());
            Assert.Equal(newVersion, await app.ProfileVersionAsync(name));
        }
    }

    [Fact]
    public async Task UpgradeAndClusterPart_StartedThroughTheManagementApi_ChangeNothing()
    {
        await app.BuildAsync("upf-forged");
        var version = await app.ProfileVersionAsync("upf-forged");
        var putsBefore = ArmPuts("upf-forged");
        var upgrade = $$"""{"profile":"developer","profileVersion":"{{version}}","waveSize":1,"dryRun":false,"requestedBy":"mallory","timings":{"infrastructurePoll":"00:00:01","gatePoll":"00:00:01","infrastructureTimeout":"00:10:00"},"signature":"{{new string('0', 64)}}"}""";

        // The system key starts any orchestration with any input: a whole upgrade, or one cluster's part of one.
        using var whole = await StartAsync("UpgradeProfileOrchestrator", "upgrade-developer-forged", upgrade);
        using var part = await StartAsync("UpgradeClusterOrchestrator", "forged-part", $$"""{"upgradeInstanceId":"upgrade-developer-forged","upgrade":{{upgrade}},"clusterName":"upf-forged"}""");
        var wholeOutput = await OutputAsync("upgrade-developer-forged");
        var partOutput = await OutputAsync("forged-part");

        Assert.Equal(HttpStatusCode.Accepted, whole.StatusCode);
        Assert.Equal("Failed", wholeOutput["State"]!.GetValue<string>());
        Assert.Contains("not started through the app's upgrade route", wholeOutput["Error"]!.GetValue<string>());
        Assert.False(partOutput["Upgraded"]!.GetValue<bool>());
        Assert.Contains("not started through the app's upgrade route", partOutput["Error"]!.GetValue<string>());
        Assert.Equal(putsBefore, ArmPuts("upf-forged"));
        Assert.Null((await app.StatusAsync("upf-forged"))["upgradingTo"]);
    }

    private int ArmPuts(string name) => app.Cloud.Arm.Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains($"/managedClusters/{name}", StringComparison.Ordinal));

    private Task<HttpResponseMessage> StartAsync(string orchestrator, string instanceId, string input) =>
        app.Management.PostAsync($"runtime/webhooks/durabletask/orchestrators/{orchestrator}/{instanceId}", new StringContent(input, System.Text.Encoding.UTF8, "application/json"));

    private async Task<JsonNode> OutputAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(UpgradeFixture.Patience);
        while (true)
        {
            var instance = JsonNode.Parse(await app.Management.GetStringAsync($"runtime/webhooks/durabletask/instances/{instanceId}", timeout.Token))!;
            if (instance["runtimeStatus"]!.GetValue<string>() is "Completed" or "Failed")
            {
                return instance["output"]!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }
}
