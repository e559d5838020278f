using System.Text.Json.Nodes;
using ClusterFunctions.Azure.Kubernetes;
using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Ports;
using k8s;

namespace ClusterFunctions.Azure.Tests.Aks;

public sealed class AksLifecycleTests
{
    [Fact]
    public async Task BeginCreate_NewCluster_CreatesGroupAndPutsThePlanBodyUnchanged()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();

        var started = await bed.Adapter.BeginCreateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Started, started.Outcome);
        Assert.Equal("Creating", started.ProvisioningState);
        Assert.Equal(request.Infrastructure.Aks!.ResourceId, started.ResourceId);
        var stored = await bed.Emulator.GetClusterBodyAsync(request.Infrastructure.Aks.ResourceId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(request.Infrastructure.Aks.Body), JsonNode.Parse(stored!)), stored);
        Assert.DoesNotContain(bed.Emulator.Requests, r => r.Contains("/providers/Microsoft.ContainerService?", StringComparison.Ordinal));
        Assert.Contains($"PUT {request.Infrastructure.Aks.ResourceId}?api-version=2025-08-01", bed.Emulator.Requests);
    }

    [Fact]
    public async Task GetState_AfterCreate_ReportsReadyWithPowerStateFqdnAndPools()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);

        var state = await bed.Adapter.GetStateAsync(request);

        Assert.Equal(InfrastructurePhase.Ready, state.Phase);
        Assert.Equal("Succeeded", state.ProvisioningState);
        Assert.Equal("Running", state.PowerState);
        Assert.Matches(@"^cf-aks1-[0-9a-f]{8}\.hcp\.centralindia\.azmk8s\.io$", state.Fqdn);
        Assert.Equal(["system", "gpu"], state.NodePools.Select(p => p.Name));
        var gpu = state.NodePools[1];
        Assert.Equal(("User", "Standard_NC6s_v3", 0, 0, 25), (gpu.Mode, gpu.VmSize, gpu.Count, gpu.MinCount, gpu.MaxCount));
    }

    [Fact]
    public async Task GetState_NoCluster_ReportsAbsent()
    {
        await using var bed = await AksTestBed.StartAsync();

        var state = await bed.Adapter.GetStateAsync(AksTestBed.Request());

        Assert.Equal(InfrastructurePhase.Absent, state.Phase);
    }

    [Fact]
    public async Task Connect_ReadyCluster_GivesAKubernetesClientThatReachesTheClusterApi()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);
        await bed.Adapter.GetStateAsync(request);

        using var connection = await bed.Adapter.ConnectAsync(request);
        using var kubernetes = connection.CreateKubernetesClient();
        var version = await kubernetes.Version.GetCodeAsync();

        Assert.Equal("v1.32.4", version.GitVersion);
        Assert.Equal(bed.Kubernetes.Server.Port, connection.Server.Port);
    }

    [Fact]
    public async Task BeginDelete_ExistingCluster_StartsThenClusterBecomesAbsent()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);
        await bed.Adapter.GetStateAsync(request);

        var deleted = await bed.Adapter.BeginDeleteAsync(request);
        var state = await bed.Adapter.GetStateAsync(request);
        var again = await bed.Adapter.BeginDeleteAsync(request);

        Assert.Equal(InfrastructureDeleteOutcome.Started, deleted.Outcome);
        Assert.Equal(InfrastructurePhase.Absent, state.Phase);
        Assert.Equal(InfrastructureDeleteOutcome.AlreadyAbsent, again.Outcome);
    }
}
