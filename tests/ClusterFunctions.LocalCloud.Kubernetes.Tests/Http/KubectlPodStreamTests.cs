using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

/// <summary>kubectl logs and kubectl exec against a simulated pod: a clear statement that nothing runs, never a 404.</summary>
public sealed class KubectlPodStreamTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: default }
        spec:
          replicas: 1
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """;

    [Fact]
    public async Task KubectlLogs_OfASimulatedPod_SaysWhichPodContainerAndImageAndThatNothingRuns()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var pod = await StartPodAsync(kubectl);

        var logs = await kubectl.RunAsync("logs", pod);
        var wrongContainer = await kubectl.RunAsync("logs", pod, "-c", "sidecar");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal($"LocalCloud simulates pod default/{pod} (container web, image nginx:1.27): no container runs, so there is no output to show.", logs.Stdout.Trim());
        Assert.NotEqual(0, wrongContainer.ExitCode);
        Assert.Contains($"container sidecar is not valid for pod {pod}", wrongContainer.Stderr);
    }

    [Fact]
    public async Task KubectlExec_InASimulatedPod_SaysTheCommandDidNotRunAndExitsWith126()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var pod = await StartPodAsync(kubectl);

        var exec = await kubectl.RunAsync("exec", pod, "--", "cat", "/etc/hostname");

        Assert.Equal(126, exec.ExitCode);
        Assert.Contains($"LocalCloud simulates pod default/{pod} (container web, image nginx:1.27): no container runs, so 'cat /etc/hostname' was not executed.", exec.Stderr);
    }

    /// <summary>Applies the deployment and returns its pod's name once the simulator created it.</summary>
    private static async Task<string> StartPodAsync(Kubectl kubectl)
    {
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);
        var wait = await kubectl.RunAsync("wait", "--for=condition=Available", "deployment/web", "--timeout=30s");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        var pods = await kubectl.RunAsync("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}");
        return pods.Stdout.Trim();
    }
}
