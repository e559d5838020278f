namespace ClusterFunctions.Core.Ports;

/// <summary>What <see cref="IClusterInfrastructure.BeginCreateAsync"/> did.</summary>
public enum InfrastructureStartOutcome
{
    /// <summary>A create (or a retry of a failed create) was accepted by the cloud; poll the state.</summary>
    Started,

    /// <summary>The cluster this request created earlier already exists; nothing new was started.</summary>
    Adopted,

    /// <summary>The provider creates nothing (an existing cluster); it was verified reachable.</summary>
    Skipped,
}
