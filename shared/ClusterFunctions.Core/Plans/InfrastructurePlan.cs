namespace ClusterFunctions.Core.Plans;

/// <summary>How the cluster is obtained: created in AKS, or an existing cluster the user already has.</summary>
/// <param name="Provider">"aks" or "existing" (see <see cref="InfrastructureProviders"/>).</param>
/// <param name="Aks">Set when <paramref name="Provider"/> is "aks".</param>
/// <param name="Existing">Set when <paramref name="Provider"/> is "existing".</param>
public sealed record InfrastructurePlan(string Provider, AksClusterPlan? Aks, ExistingClusterPlan? Existing);
