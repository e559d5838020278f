namespace ClusterFunctions.Core.Plans;

/// <summary>A named group of manifests applied together, with the readiness gate that says it is done.</summary>
/// <param name="Name">Bundle name from the catalog, e.g. "redis" or "baseline-network".</param>
/// <param name="DependsOn">Bundles that must be ready before this one is applied.</param>
/// <param name="Gate">Workloads that must be ready; null when applying is enough.</param>
/// <param name="Manifests">The objects, each as canonical JSON.</param>
public sealed record BundlePlan(
    string Name,
    IReadOnlyList<string> DependsOn,
    ReadinessGate? Gate,
    IReadOnlyList<KubernetesManifest> Manifests);
