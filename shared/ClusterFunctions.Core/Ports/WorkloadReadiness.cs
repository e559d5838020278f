using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Ports;

/// <summary>One workload's readiness and, unless ready, the reason in the cluster's own words.</summary>
public sealed record WorkloadReadiness(WorkloadRef Workload, GateState State, string Reason);
