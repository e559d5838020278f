using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Azure.Tests.Aks;

/// <summary>The AKS adapter's upgrade against the ARM emulator: control plane first (pools keep their version), then one pool at a time.</summary>
public sealed class AksUpgradeTests
{
    [Fact]
    public async Task BeginUpdate_NewKubernetesVersion_MovesTheControlPlaneOnly_ThenEachPoolMovesOnItsOwn()
    {
        await using var bed = await AksTestBed.StartAsync();
        var built = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(built);
        await bed.Adapter.GetStateAsync(built);
        var upgraded = WithKubernetesVersion(built, "1.33");

        var update = await bed.Adapter.BeginUpdateAsync(upgraded);
        var afterControlPlane = await bed.Adapter.GetStateAsync(upgraded);
        var pool = await bed.Adapter.BeginNodePoolUpgradeAsync(upgraded, "gpu");
        var afterPool = await bed.Adapter.GetStateAsync(upgraded);

        Assert.Equal(InfrastructureStartOutcome.Started, update.Outcome);
        Assert.Equal("Updating", update.ProvisioningState);
        Assert.Equal(InfrastructurePhase.Ready, afterControlPlane.Phase);
        Assert.Equal("1.33", afterControlPlane.KubernetesVersion);
        Assert.Equal(["1.32", "1.32"], afterControlPlane.NodePools.Select(p => p.OrchestratorVersion));
        Assert.Equal(InfrastructureStartOutcome.Started, pool.Outcome);
        Assert.EndsWith("/agentPools/gpu", pool.ResourceId);
        Assert.Equal([("system", "1.32"), ("gpu", "1.33")], afterPool.NodePools.Select(p => (p.Name, p.OrchestratorVersion)));
        Assert.Equal(25, afterPool.NodePools[1].MaxCount);
    }

    [Fact]
    public async Task BeginNodePoolUpgrade_BeforeTheControlPlane_IsPermanentNodePoolMcVersionIncompatible()
    {
        await using var bed = await AksTestBed.StartAsync();
        var built = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(built);
        await bed.Adapter.GetStateAsync(built);

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginNodePoolUpgradeAsync(WithKubernetesVersion(built, "1.33"), "system"));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("NodePoolMcVersionIncompatible", error.Code);
    }

    private static InfrastructureRequest WithKubernetesVersion(InfrastructureRequest request, string version)
    {
        var aks = request.Infrastructure.Aks!;
        var body = aks.Body.Replace("\"kubernetesVersion\":\"1.32\"", $"\"kubernetesVersion\":\"{version}\"", StringComparison.Ordinal);
        Assert.NotEqual(aks.Body, body);
        return request with { Infrastructure = request.Infrastructure with { Aks = aks with { Body = body } } };
    }
}
