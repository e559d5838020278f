namespace ClusterFunctions.Core.Ports;

/// <summary>The outcome of starting infrastructure; safe to store in orchestration history (no credentials).</summary>
/// <param name="Outcome">Whether a create started, an earlier one was adopted, or nothing was needed.</param>
/// <param name="ResourceId">The ARM resource id of the cluster; null for an existing cluster.</param>
/// <param name="ProvisioningState">The provisioning state reported when the call returned, if any.</param>
public sealed record InfrastructureStartResult(
    InfrastructureStartOutcome Outcome,
    string? ResourceId,
    string? ProvisioningState);
