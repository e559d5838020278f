using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Kubernetes.Apply;
using ClusterFunctions.Kubernetes.Readiness;
using ClusterFunctions.Kubernetes.Tests.Support;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.Kubernetes.Tests.Profiles;

/// <summary>The shipped profiles applied to emulator instances, checked with the installed kubectl as an independent client.</summary>
public sealed class ShippedProfileApplyTests
{
    private readonly ManifestApplier _applier = new();
    private readonly WorkloadReadinessProbe _probe = new();

    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task ApplyPlanAsync_ShippedProfile_EveryGateIsReady(string profile)
    {
        var plan = ShippedProfiles.Render(profile);
        await using var emulator = await ShippedProfiles.StartEmulatorAsync();
        using var connection = emulator.Connect();

        var result = await _applier.ApplyPlanAsync(connection, plan);

        Assert.Equal(plan.Levels.Sum(l => l.Bundles.Sum(b => b.Manifests.Count)), result.Bundles.Sum(b => b.Objects.Count));
        foreach (var bundle in plan.Levels.SelectMany(l => l.Bundles).Where(b => b.Gate is not null))
        {
            var check = await _probe.CheckAsync(connection, bundle.Gate!, TimeSpan.Zero);
            Assert.True(check.State == GateState.Ready, $"{bundle.Name}: {check.State} {check.Reason}");
        }
    }

    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task ApplyPlanAsync_ShippedProfileTwice_SecondChangesNoResourceVersion(string profile)
    {
        var plan = ShippedProfiles.Render(profile);
        await using var emulator = await ShippedProfiles.StartEmulatorAsync();
        using var connection = emulator.Connect();
        using var kubectl = new Kubectl(emulator);
        await _applier.ApplyPlanAsync(connection, plan);
        var before = await ResourceVersionsAsync(kubectl);

        var second = await _applier.ApplyPlanAsync(connection, plan);

        Assert.True(second.Unchanged, string.Join(", ", second.Bundles.SelectMany(b => b.Objects).Where(o => o.Outcome != ApplyOutcome.Unchanged).Select(o => o.Object)));
        Assert.Equal(before, await ResourceVersionsAsync(kubectl));
    }

    [Fact]
    public async Task ApplyPlanAsync_ProfileChangedFromDeveloperToTesting_PrunesTheDeveloperAccess()
    {
        await using var emulator = await ShippedProfiles.StartEmulatorAsync();
        using var connection = emulator.Connect();
        using var kubectl = new Kubectl(emulator);
        await _applier.ApplyPlanAsync(connection, ShippedProfiles.Render("developer"));

        var result = await _applier.ApplyPlanAsync(connection, ShippedProfiles.Render("testing"));

        Assert.Equal(
            ["Role ai/model-serving-developer", "RoleBinding ai/model-serving-developer"],
            result.Pruned.Deleted.Select(d => d.ToString()).Order());
        var roles = await kubectl.RunAsync("get", "roles,rolebindings", "-n", "ai", "-o", "name");
        Assert.Equal("", roles.Stdout.Trim());
    }

    [Fact]
    public async Task CheckAsync_ShippedWorkloadMadePrivileged_FailsItsGateWithThePodSecurityReason()
    {
        var plan = ShippedProfiles.Render("production");
        var redis = plan.Levels.SelectMany(l => l.Bundles).Single(b => b.Name == "redis");
        var privileged = redis with { Manifests = [.. redis.Manifests.Select(MakePrivileged)] };
        var changed = plan with
        {
            Levels = [.. plan.Levels.Select(l => l with { Bundles = [.. l.Bundles.Select(b => b.Name == "redis" ? privileged : b)] })],
        };
        await using var emulator = await ShippedProfiles.StartEmulatorAsync();
        using var connection = emulator.Connect();
        await _applier.ApplyPlanAsync(connection, changed);

        var check = await _probe.CheckAsync(connection, redis.Gate!, TimeSpan.Zero);

        Assert.Equal(GateState.Failed, check.State);
        Assert.Contains("violates PodSecurity \"restricted:v", check.Reason);
        Assert.Contains("privileged (container", check.Reason);
    }

    private static KubernetesManifest MakePrivileged(KubernetesManifest manifest)
    {
        if (manifest.Kind != "Deployment")
        {
            return manifest;
        }

        var body = JsonNode.Parse(manifest.Json)!.AsObject();
        foreach (var container in body["spec"]!["template"]!["spec"]!["containers"]!.AsArray())
        {
            container!["securityContext"]!["privileged"] = true;
        }

        return manifest with { Json = body.ToJsonString() };
    }

    private static async Task<string> ResourceVersionsAsync(Kubectl kubectl)
    {
        var kinds = string.Join(",", ResourceKinds.All.Select(k => k.Group.Length == 0 ? k.Plural : $"{k.Plural}.{k.Group}"));
        var result = await kubectl.RunAsync("get", kinds, "-A", "-l", "app.kubernetes.io/managed-by=clusterfunctions",
            "-o", "jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}={.metadata.resourceVersion}{\"\\n\"}{end}");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEqual("", result.Stdout.Trim());
        return result.Stdout;
    }
}
