namespace ClusterFunctions.Core.Ports;

/// <summary>The cluster's state reduced to what the orchestrator decides on.</summary>
public enum InfrastructurePhase
{
    /// <summary>An operation is running (Creating, Updating, Upgrading, Scaling...): poll again later.</summary>
    InProgress,

    /// <summary>Provisioning succeeded and the cluster can be connected to.</summary>
    Ready,

    /// <summary>The last operation failed or was canceled; see the error fields.</summary>
    Failed,

    /// <summary>The cluster is being deleted.</summary>
    Deleting,

    /// <summary>No such cluster exists.</summary>
    Absent,
}
