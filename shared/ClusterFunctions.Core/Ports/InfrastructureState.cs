namespace ClusterFunctions.Core.Ports;

/// <summary>A snapshot of the cluster's state; safe to store in orchestration history (no credentials).</summary>
/// <param name="Phase">What the orchestrator should do next.</param>
/// <param name="ResourceId">The ARM resource id; null for an existing cluster.</param>
/// <param name="ProvisioningState">The cloud's provisioningState as reported (e.g. "Creating", "Succeeded").</param>
/// <param name="PowerState">The cluster's power state code (e.g. "Running"), when reported.</param>
/// <param name="Fqdn">The API server's DNS name, when reported.</param>
/// <param name="NodePools">The pools as reported.</param>
/// <param name="ErrorCode">The cloud's error code when <paramref name="Phase"/> is Failed and one is known.</param>
/// <param name="ErrorMessage">The cloud's error message, preserved as sent.</param>
/// <param name="KubernetesVersion">The control plane's Kubernetes version, when reported.</param>
public sealed record InfrastructureState(
    InfrastructurePhase Phase,
    string? ResourceId,
    string? ProvisioningState,
    string? PowerState,
    string? Fqdn,
    IReadOnlyList<NodePoolState> NodePools,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? KubernetesVersion = null);
