namespace ClusterFunctions.Core.Ports;

/// <summary>The outcome of applying a whole plan: every bundle in apply order, then the prune.</summary>
public sealed record PlanApplyResult(IReadOnlyList<BundleApplyResult> Bundles, PruneResult Pruned)
{
    /// <summary>True when no object was created, changed or deleted.</summary>
    public bool Unchanged => Bundles.All(b => b.Unchanged) && Pruned.Deleted.Count == 0;
}
