namespace ClusterFunctions.Core.Ports;

/// <summary>Where a readiness gate (or one workload of it) stands.</summary>
public enum GateState
{
    /// <summary>Ready: the bundle may be considered done.</summary>
    Ready,

    /// <summary>Not ready yet; poll again later.</summary>
    NotReady,

    /// <summary>Will not become ready: a refusal, a deadline, or the gate's timeout passed.</summary>
    Failed,
}
