using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// What a Ready cluster is meant to be: the request that made it and the plan last applied to it (by its build, or
/// by an upgrade since). Reconcile compares the live cluster with <see cref="Plan"/>; an upgrade renders the request
/// again against a newer catalog and records the new plan. <see cref="UpgradingTo"/> names the profile version an
/// upgrade is applying right now, so reconcile does not "repair" a half-applied upgrade back.
/// </summary>
public sealed record ClusterRecord(ClusterRequest Request, ClusterPlan Plan, DateTimeOffset UpdatedAt, string? UpgradingTo = null)
{
    public string ClusterName => Plan.ClusterName;

    public string RequestId => Plan.RequestId;
}
