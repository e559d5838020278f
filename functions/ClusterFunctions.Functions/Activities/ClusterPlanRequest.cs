using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>A whole plan to act on in the request's cluster (prune, verify, remove).</summary>
public sealed record ClusterPlanRequest(InfrastructureRequest Infrastructure, ClusterPlan Plan);
