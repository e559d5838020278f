namespace ClusterFunctions.Core.Plans;

/// <summary>What reconcile does about drift: report it (status and event), or also apply the plan again.</summary>
public enum ReconcileMode
{
    Report,
    Repair,
}
