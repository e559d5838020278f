namespace ClusterFunctions.Core.Plans;

/// <summary>The workloads a bundle waits for, and how long it may take before the gate fails.</summary>
public sealed record ReadinessGate(IReadOnlyList<WorkloadRef> Workloads, TimeSpan Timeout);
