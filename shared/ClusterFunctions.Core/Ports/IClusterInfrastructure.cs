namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Obtains the cluster a plan describes: starts long operations and reports their state so the
/// orchestrator can poll on durable timers, and opens a connection inside the activity that needs it.
/// Failures surface as <see cref="InfrastructureException"/> classified retry-later or permanent.
/// </summary>
public interface IClusterInfrastructure
{
    /// <summary>Starts creating the cluster (or adopts the one this request already created); returns without waiting.</summary>
    Task<InfrastructureStartResult> BeginCreateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads the cluster's current state once; never waits for a long operation.</summary>
    Task<InfrastructureState> GetStateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fetches credentials and returns an in-process connection. Call it inside the activity that uses
    /// the cluster; the result must never be returned from an activity or stored in history.
    /// </summary>
    Task<ClusterConnection> ConnectAsync(InfrastructureRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts changing the cluster this request owns to the plan's body (an upgrade): the control plane takes the plan's
    /// Kubernetes version, while node pools keep theirs until <see cref="BeginNodePoolUpgradeAsync"/>, as AKS upgrades
    /// the control plane first. Returns without waiting.
    /// </summary>
    Task<InfrastructureStartResult> BeginUpdateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts moving one node pool to the plan's Kubernetes version, once the control plane runs it; returns without waiting.</summary>
    Task<InfrastructureStartResult> BeginNodePoolUpgradeAsync(InfrastructureRequest request, string nodePool, CancellationToken cancellationToken = default);

    /// <summary>Starts deleting the cluster; returns without waiting.</summary>
    Task<InfrastructureDeleteResult> BeginDeleteAsync(InfrastructureRequest request, CancellationToken cancellationToken = default);
}
