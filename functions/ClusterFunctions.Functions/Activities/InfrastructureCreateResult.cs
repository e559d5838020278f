using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>A create that was started (or adopted), and the cluster's state after the activity's own wait (null in a result
/// the previous version recorded: its create activity did not read the state).</summary>
public sealed record InfrastructureCreateResult(InfrastructureStartResult Started, InfrastructureState? State);
