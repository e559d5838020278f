namespace ClusterFunctions.Functions.Reconcile;

/// <summary>A reconcile loop's custom status: the cluster's state at the last check and what differed then.</summary>
public sealed record ReconcileStatus(string RequestId, string State, IReadOnlyList<string> Differences, DateTimeOffset CheckedAt, string Mode, string Interval);
