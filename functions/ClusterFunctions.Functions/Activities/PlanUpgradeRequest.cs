using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Activities;

/// <summary>An upgrade to plan (or, for one cluster's part, to prepare), with the instance its signature covers.</summary>
public sealed record PlanUpgradeRequest(string UpgradeInstanceId, UpgradeProfileInput Upgrade, string? ClusterName = null);
