using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.Kubernetes.Tests.Support;

/// <summary>Renders the repository's shipped catalog profiles and starts emulators that run as the platform identity.</summary>
internal static class ShippedProfiles
{
    /// <summary>The identity the product applies with: a member of the group the locked-RBAC policy lets through.</summary>
    public static readonly EmulatorIdentity Platform = new("clusterfunctions-platform", ["clusterfunctions:platform", "system:masters", "system:authenticated"]);

    private static readonly Lazy<Catalog> Catalog = new(() =>
    {
        var result = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "catalog"));
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        return result.Catalog;
    });

    public static ClusterPlan Render(string profile, string cluster = "demo")
    {
        var result = ClusterPlanRenderer.Render(Catalog.Value, new ClusterRequest($"req-{profile}", cluster, profile));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Plan!;
    }

    public static Task<RunningKubernetesEmulator> StartEmulatorAsync() =>
        KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { DefaultIdentity = Platform });
}
