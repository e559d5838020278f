using System.Text.Json.Nodes;
using ClusterFunctions.Kubernetes.Apply;
using ClusterFunctions.Kubernetes.Tests.Support;
using ClusterFunctions.LocalCloud.Kubernetes;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.Kubernetes.Tests.Profiles;

/// <summary>What the shipped profiles promise about policy, checked through kubectl after the engine applied them.</summary>
public sealed class ShippedProfilePolicyTests
{
    private const string Role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: sneaky, namespace: ai }
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [get]
        """;

    private static async Task<(RunningKubernetesEmulator Emulator, Kubectl Kubectl)> ApplyAsync(string profile)
    {
        var emulator = await ShippedProfiles.StartEmulatorAsync();
        using (var connection = emulator.Connect())
        {
            await new ManifestApplier().ApplyPlanAsync(connection, ShippedProfiles.Render(profile));
        }

        return (emulator, new Kubectl(emulator));
    }

    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task Namespaces_ShippedProfile_CarryRestrictedPodSecurityLabels(string profile)
    {
        var (emulator, kubectl) = await ApplyAsync(profile);
        await using var _ = emulator;
        using var __ = kubectl;
        var appNamespaces = ShippedProfiles.Render(profile).Levels.SelectMany(l => l.Bundles).SelectMany(b => b.Manifests)
            .Where(m => m.Kind == "Namespace").Select(m => m.Name).Order().ToList();

        var result = await kubectl.RunAsync("get", "namespaces", "-l", "app.kubernetes.io/managed-by=clusterfunctions", "-o", "json");

        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
        Assert.Equal(appNamespaces, items.Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.All(items, ns =>
        {
            var labels = ns!["metadata"]!["labels"]!;
            Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]?.GetValue<string>());
        });
    }

    [Fact]
    public async Task NetworkPolicies_Production_DenyAllByDefaultInEveryAppNamespace()
    {
        var (emulator, kubectl) = await ApplyAsync("production");
        await using var _ = emulator;
        using var __ = kubectl;

        var result = await kubectl.RunAsync("get", "networkpolicies", "-A", "-o", "json");

        var policies = JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var denyAll = policies.Where(p =>
            p["spec"]!["podSelector"]!.AsObject().Count == 0
            && p["spec"]!["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()).Order().SequenceEqual(["Egress", "Ingress"])
            && p["spec"]!["ingress"] is null && p["spec"]!["egress"] is null).ToList();
        Assert.Equal(["ai", "kafka", "logging", "monitoring", "redis"], denyAll.Select(p => p["metadata"]!["namespace"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task NetworkPolicies_Developer_AreNotInstalled()
    {
        var (emulator, kubectl) = await ApplyAsync("developer");
        await using var _ = emulator;
        using var __ = kubectl;

        var result = await kubectl.RunAsync("get", "networkpolicies", "-A", "-o", "name");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("yes", "create", "pods", "--subresource=exec", "-n", "ai")]
    [InlineData("yes", "patch", "deployment/model-serving", "-n", "ai")]
    [InlineData("no", "patch", "deployment/redis", "-n", "redis")]
    [InlineData("no", "create", "pods", "--subresource=exec", "-n", "redis")]
    [InlineData("no", "get", "secrets", "-n", "ai")]
    [InlineData("no", "create", "roles", "-n", "ai")]
    [InlineData("no", "patch", "rolebindings", "-n", "ai")]
    [InlineData("no", "create", "clusterrolebindings")]
    public async Task KubectlAuthCanI_DeveloperIdentityInDeveloperProfile_IsLimitedToModelServing(string expected, params string[] question)
    {
        var (emulator, kubectl) = await ApplyAsync("developer");
        await using var _ = emulator;
        using var __ = kubectl;

        var result = await kubectl.RunAsync(["auth", "can-i", .. question, "--as=dana@example.com", "--as-group=ai-developers"]);

        Assert.True(result.Stdout.Trim() == expected, $"{string.Join(' ', question)}: {result}");
    }

    [Theory]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task KubectlApply_RoleByClusterAdminInLockedProfile_IsRefusedByTheAdmissionPolicy(string profile)
    {
        var (emulator, kubectl) = await ApplyAsync(profile);
        await using var _ = emulator;
        using var __ = kubectl;

        var create = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("role.yaml", Role), "--as=alice", "--as-group=system:masters");
        var delete = await kubectl.RunAsync("delete", "clusterrole", "edit", "--as=alice", "--as-group=system:masters");

        Assert.NotEqual(0, create.ExitCode);
        Assert.Contains("ValidatingAdmissionPolicy 'clusterfunctions-locked-rbac' with binding 'clusterfunctions-locked-rbac' denied request", create.Stderr);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Contains("only the platform identity may change roles, bindings or this policy", delete.Stderr);
    }

    [Theory]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task KubectlApply_RoleByPlatformIdentityInLockedProfile_IsAllowed(string profile)
    {
        var (emulator, kubectl) = await ApplyAsync(profile);
        await using var _ = emulator;
        using var __ = kubectl;

        var create = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("role.yaml", Role));

        Assert.True(create.ExitCode == 0, create.ToString());
    }

    [Fact]
    public async Task KubectlApply_RoleByClusterAdminInDeveloperProfile_IsAllowedBecauseRbacIsNotLocked()
    {
        var (emulator, kubectl) = await ApplyAsync("developer");
        await using var _ = emulator;
        using var __ = kubectl;

        var create = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("role.yaml", Role), "--as=alice", "--as-group=system:masters");

        Assert.True(create.ExitCode == 0, create.ToString());
    }
}
