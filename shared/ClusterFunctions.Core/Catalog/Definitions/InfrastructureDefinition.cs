namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>Where and how the cluster runs: provider, subscription, region, version and pools.</summary>
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
    string? KubeconfigContext);
