namespace ClusterFunctions.Core.Ports;

/// <summary>What <see cref="IClusterInfrastructure.BeginDeleteAsync"/> did.</summary>
public enum InfrastructureDeleteOutcome
{
    /// <summary>A delete was accepted; poll the state until it is Absent.</summary>
    Started,

    /// <summary>There was nothing to delete.</summary>
    AlreadyAbsent,

    /// <summary>The provider never deletes (an existing cluster belongs to the user).</summary>
    Skipped,
}
