using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Applies a plan's Kubernetes manifests with server-side apply and removes what the plan no longer
/// contains. Each call is idempotent: re-applying the same manifests changes nothing, so an activity
/// may be retried freely. Failures surface as <see cref="KubernetesApplyException"/>.
/// </summary>
public interface IManifestApplier
{
    /// <summary>Applies one bundle's manifests (one activity per bundle, so bundles of a level can fan out).</summary>
    Task<BundleApplyResult> ApplyBundleAsync(ClusterConnection connection, string clusterName, BundlePlan bundle, CancellationToken cancellationToken = default);

    /// <summary>Deletes objects labelled as managed for this cluster that the plan no longer contains.</summary>
    Task<PruneResult> PruneAsync(ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Applies every level in order (bundles of a level in parallel), then prunes. For the CLI and tests; the orchestrator uses the finer calls.</summary>
    Task<PlanApplyResult> ApplyPlanAsync(ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken = default);
}
