namespace ClusterFunctions.Core.Ports;

/// <summary>One node pool as the cloud reports it; <paramref name="OrchestratorVersion"/> is the Kubernetes version its nodes run.</summary>
public sealed record NodePoolState(
    string Name,
    string? Mode,
    string? VmSize,
    int? Count,
    int? MinCount,
    int? MaxCount,
    string? ProvisioningState,
    string? PowerState,
    string? OrchestratorVersion = null);
