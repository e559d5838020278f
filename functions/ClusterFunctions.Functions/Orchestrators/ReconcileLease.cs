namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// What a cluster's reconcile loop carries from one check to the next (its ContinueAsNew input): the build it keeps,
/// the app's signature of that, how long to wait, and the drift it last reported, so a drift is announced once.
/// </summary>
public sealed record ReconcileLease(string ClusterName, string RequestId, string Signature, TimeSpan Interval, string? ReportedDrift = null);
