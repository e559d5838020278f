namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>Where and how the cluster runs: provider, subscription, region, version and pools.</summary>
/// <remarks><see cref="AllowedRegions"/> are the regions a request may move the cluster to; a profile that names
/// none allows only its own <see cref="Region"/>.</remarks>
public sealed record InfrastructureDefinition(
    string Provider,
    string SubscriptionId,
    string ResourceGroup,
    string Region,
    string KubernetesVersion,
    string Tier,
    string NetworkPolicy,
    IReadOnlyList<NodePoolDefinition> NodePools,
    string? KubeconfigPath,
    string? KubeconfigContext,
    IReadOnlyList<string> AllowedRegions);
