using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class EmulatorLifecycleTests
{
    [Fact]
    public async Task StartAsync_ClusterNameWithSpace_ThrowsNamingTheField()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => KubernetesEmulator.StartAsync(new() { ClusterName = "Bad Name" }));

        Assert.Contains("ClusterName \"Bad Name\" must be letters, digits", error.Message);
    }

    [Fact]
    public async Task StopAsync_RunningEmulator_StopsServing()
    {
        var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("get", "ns", "default", "-o", "name")).ExitCode);

        await emulator.StopAsync();

        Assert.NotEqual(0, (await kubectl.RunAsync("get", "ns", "default", "-o", "name", "--request-timeout=5s")).ExitCode);
    }

    [Fact]
    public async Task StartAsync_TwoInstances_KeepSeparateState()
    {
        await using var first = await KubernetesEmulator.StartAsync();
        await using var second = await KubernetesEmulator.StartAsync();
        using var one = new Kubectl(first);
        using var two = new Kubectl(second);

        Assert.Equal(0, (await one.RunAsync("apply", "--server-side", "-f", one.WriteFile("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: only-here}\n"))).ExitCode);

        Assert.NotEqual(first.Url, second.Url);
        Assert.Equal(0, (await one.RunAsync("get", "ns", "only-here")).ExitCode);
        Assert.NotEqual(0, (await two.RunAsync("get", "ns", "only-here")).ExitCode);
    }
}
