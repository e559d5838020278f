using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Records the plan now applied to a cluster (its build verified it, or an upgrade applied it).</summary>
public sealed record RecordClusterRequest(ClusterRequest Request, ClusterPlan Plan, string? UpgradingTo = null);
