namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts a Ready cluster's reconcile loop: the build it keeps and how often it checks first.</summary>
public sealed record StartReconcileRequest(string ClusterName, string RequestId, TimeSpan Interval);
