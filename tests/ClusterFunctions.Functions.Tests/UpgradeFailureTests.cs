using System.Net;
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
        app.Cloud.Arm.Faults.Add(new ArmFault("PUT", "/managedClusters/upf-b", 403, "RequestDisallowedByPolicy", "Resource 'upf-b' was disallowed by policy.", Times: 100));

        using var started = await app.UpgradeAsync("""{"waveSize": 1}""");
        var upgrade = await app.FinishedUpgradeAsync(dryRun: false);
        await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, "upf-a", UpgradeFixture.Patience);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("Failed", upgrade["state"]!.GetValue<string>());
        Assert.Contains("wave 2 failed (upf-b)", upgrade["error"]!.GetValue<string>());
        var clusters = upgrade["clusters"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal("Upgraded", clusters["upf-a"]["state"]!.GetValue<string>());
        Assert.Equal("Failed", clusters["upf-b"]["state"]!.GetValue<string>());
        Assert.Contains("RequestDisallowedByPolicy", clusters["upf-b"]["error"]!.GetValue<string>());
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
    }
}
