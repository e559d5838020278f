namespace ClusterFunctions.Core.Ports;

/// <summary>The result of one readiness check: overall state, a summary reason, and each workload's state.</summary>
public sealed record GateCheckResult(GateState State, string Reason, IReadOnlyList<WorkloadReadiness> Workloads);
