using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Controllers;

public sealed class WorkloadControllerTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: default }
        spec:
          replicas: 2
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec:
              containers:
              - { name: web, image: nginx:1 }
        """;

    private static async Task<JsonArray> PodsAsync(Kubectl kubectl)
    {
        var result = await kubectl.RunAsync("get", "pods", "-n", "default", "-l", "app=web", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
    }

    [Fact]
    public async Task Deployment_BeforeAndAfterReadinessDelay_HasPendingThenRunningPods()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await KubernetesEmulator.StartAsync(new() { ReadinessDelay = TimeSpan.FromSeconds(20), TimeProvider = time });
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);

        var pending = await PodsAsync(kubectl);
        time.Advance(TimeSpan.FromSeconds(20));
        var running = await PodsAsync(kubectl);

        Assert.Equal(["Pending", "Pending"], pending.Select(p => p!["status"]!["phase"]!.GetValue<string>()));
        Assert.Equal(["Running", "Running"], running.Select(p => p!["status"]!["phase"]!.GetValue<string>()));
        Assert.All(running, p => Assert.StartsWith("web-", p!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deployment_ScaledDownThenDeleted_RemovesItsPods()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);
        Assert.Equal(2, (await PodsAsync(kubectl)).Count);

        Assert.Equal(0, (await kubectl.RunAsync("scale", "deploy/web", "-n", "default", "--replicas=1")).ExitCode);
        var afterScale = await PodsAsync(kubectl);
        Assert.Equal(0, (await kubectl.RunAsync("delete", "deploy", "web", "-n", "default")).ExitCode);
        var afterDelete = await PodsAsync(kubectl);

        Assert.Single(afterScale);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task Deployment_NewImage_ReplacesPodsWithNewTemplateHash()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);
        var before = (await PodsAsync(kubectl)).Select(p => p!["metadata"]!["name"]!.GetValue<string>()).ToList();

        Assert.Equal(0, (await kubectl.RunAsync("set", "image", "deploy/web", "-n", "default", "web=nginx:2")).ExitCode);
        var after = await PodsAsync(kubectl);

        Assert.Equal(2, after.Count);
        Assert.Empty(after.Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Intersect(before));
        Assert.All(after, p => Assert.Equal("nginx:2", p!["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deployment_RefusedByPodSecurity_HasNoPodsAndAReplicaFailure()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("label", "ns", "default", "pod-security.kubernetes.io/enforce=restricted")).ExitCode);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);

        var pods = await PodsAsync(kubectl);
        var reason = await kubectl.RunAsync("get", "deploy", "web", "-n", "default", "-o", "jsonpath={.status.conditions[?(@.type==\"ReplicaFailure\")].message}");

        Assert.Empty(pods);
        Assert.Contains("is forbidden: violates PodSecurity \"restricted:latest\"", reason.Stdout);
    }

    [Fact]
    public async Task Deployment_RolloutRefusedByPodSecurity_KeepsTheOldPodsRunningAndReportsTheFailure()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("label", "ns", "default", "pod-security.kubernetes.io/enforce=baseline")).ExitCode);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);
        var before = (await PodsAsync(kubectl)).Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Order().ToList();

        var privileged = Deployment.Replace("- { name: web, image: nginx:1 }", "- { name: web, image: nginx:2, securityContext: { privileged: true } }", StringComparison.Ordinal);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d2.yaml", privileged))).ExitCode);
        var after = await PodsAsync(kubectl);
        var status = JsonNode.Parse((await kubectl.RunAsync("get", "deploy", "web", "-n", "default", "-o", "json")).Stdout)!["status"]!;

        Assert.Equal(before, after.Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.All(after, p => Assert.Equal("Running", p!["status"]!["phase"]!.GetValue<string>()));
        Assert.All(after, p => Assert.Equal("nginx:1", p!["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
        Assert.Equal(2, status["availableReplicas"]!.GetValue<int>());
        Assert.Equal(0, status["updatedReplicas"]!.GetValue<int>());
        var failure = status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "ReplicaFailure");
        Assert.Contains("violates PodSecurity \"baseline:latest\"", failure!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deployment_ContainerWithoutImage_IsRefusedNamingTheField()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var noImage = Deployment.Replace("- { name: web, image: nginx:1 }", "- { name: web }", StringComparison.Ordinal);

        var apply = await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", noImage));

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value", apply.Stderr);
        Assert.Empty(await PodsAsync(kubectl));
    }

    [Fact]
    public async Task KubectlGet_DefaultOutput_PrintsServerSideColumns()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);

        var deployments = await kubectl.RunAsync("get", "deploy", "-n", "default");
        var pods = await kubectl.RunAsync("get", "pods", "-n", "default");

        Assert.True(deployments.ExitCode == 0, deployments.ToString());
        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s*\nweb\s+2/2\s+2\s+2\s+\d+s", deployments.Stdout);
        Assert.Matches(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s*\nweb-\w+-\w+\s+1/1\s+Running\s+0", pods.Stdout);
    }

    [Fact]
    public async Task KubectlGetWatch_HumanReadable_StreamsRowsUntilTheRequestTimeout()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);

        var watch = await kubectl.RunAsync("get", "deploy", "-n", "default", "--watch", "--request-timeout=2s");

        Assert.Contains("web", watch.Stdout);
        Assert.DoesNotContain("error", watch.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
