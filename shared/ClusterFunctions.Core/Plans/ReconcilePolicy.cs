namespace ClusterFunctions.Core.Plans;

/// <summary>
/// How a Ready cluster of a profile is kept as planned (the profile's <c>reconcile</c> block): checked every
/// <paramref name="Interval"/>; in <see cref="ReconcileMode.Repair"/> what drifted is applied again.
/// </summary>
public sealed record ReconcilePolicy(TimeSpan Interval, ReconcileMode Mode)
{
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(1);
}
