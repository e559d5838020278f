namespace ClusterFunctions.Core.Events;

/// <summary>CloudEvents <c>type</c> values of the completion events, reverse-DNS and past tense.</summary>
public static class ClusterEventTypes
{
    public const string Ready = "io.clusterfunctions.cluster.ready";
    public const string Failed = "io.clusterfunctions.cluster.failed";
    public const string Deleted = "io.clusterfunctions.cluster.deleted";
    public const string StepProgressed = "io.clusterfunctions.cluster.step-progressed";

    /// <summary>A cluster's ttl runs out soon: it will be deleted at <see cref="ClusterEventData.ExpiresAt"/> unless extended.</summary>
    public const string Expiring = "io.clusterfunctions.cluster.expiring";

    /// <summary>Reconcile found a Ready cluster no longer as planned (<see cref="ClusterEventData.Drift"/> says how); sent once per new drift.</summary>
    public const string Drifted = "io.clusterfunctions.cluster.drifted";

    /// <summary>Reconcile applied the plan again and the cluster matches it (<see cref="ClusterEventData.Drift"/>: what was repaired).</summary>
    public const string Repaired = "io.clusterfunctions.cluster.repaired";

    /// <summary>A Ready cluster now runs a newer version of its profile (data: <see cref="ClusterEventData.PreviousProfileVersion"/> and the new one).</summary>
    public const string Upgraded = "io.clusterfunctions.cluster.upgraded";

    /// <summary>An upgrade of a Ready cluster failed (data: the failed step and cause); the cluster stays at <see cref="ClusterEventData.PreviousProfileVersion"/> in its record.</summary>
    public const string UpgradeFailed = "io.clusterfunctions.cluster.upgrade-failed";

    /// <summary>CloudEvents <c>source</c> of every event the product emits.</summary>
    public const string Source = "/clusterfunctions";
}
