using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Activities;

/// <summary>A cluster to upgrade: its request, the plan last applied to it (from its record) and the plan it gets now.</summary>
public sealed record UpgradeTarget(ClusterRequest Request, ClusterPlan From, ClusterPlan To);
