namespace ClusterFunctions.Core.Plans;

/// <summary>The AKS managed cluster to create through ARM.</summary>
/// <param name="SubscriptionId">Target subscription (a GUID).</param>
/// <param name="ResourceGroup">Target resource group; created if missing.</param>
/// <param name="Location">Azure region name, e.g. "centralindia".</param>
/// <param name="ClusterName">The managedClusters resource name.</param>
/// <param name="ApiVersion">Pinned Microsoft.ContainerService api-version.</param>
/// <param name="ResourceId">Full ARM resource id of the managed cluster.</param>
/// <param name="Body">The ARM PUT body as canonical JSON (location, tags, sku, identity, properties).</param>
/// <param name="NodePools">A readable summary of the pools in <paramref name="Body"/>.</param>
public sealed record AksClusterPlan(
    string SubscriptionId,
    string ResourceGroup,
    string Location,
    string ClusterName,
    string ApiVersion,
    string ResourceId,
    string Body,
    IReadOnlyList<NodePoolPlan> NodePools);
