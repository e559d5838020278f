using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>A gate to check once, and how long the orchestrator has waited for it so far (orchestration time).</summary>
public sealed record CheckReadinessRequest(InfrastructureRequest Infrastructure, ReadinessGate Gate, TimeSpan Elapsed);
