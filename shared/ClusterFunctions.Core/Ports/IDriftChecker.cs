using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Compares a bundle with the cluster without changing anything (server-side apply as a dry run):
/// Unchanged means the object matches the plan, Configured that it drifted, Created that it is missing.
/// </summary>
public interface IDriftChecker
{
    /// <summary>Reports, object by object, what applying the bundle would do; writes nothing.</summary>
    Task<BundleApplyResult> CheckBundleAsync(ClusterConnection connection, string clusterName, BundlePlan bundle, CancellationToken cancellationToken = default);
}
