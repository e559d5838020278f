namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>Identifies the emulated managed cluster whose API server is being provisioned or released.</summary>
public sealed record ClusterApiRequest(
    string SubscriptionId,
    string ResourceGroup,
    string ClusterName,
    string ResourceId,
    string? KubernetesVersion);
