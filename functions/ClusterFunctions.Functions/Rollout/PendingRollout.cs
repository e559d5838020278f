using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Functions.Rollout;

/// <summary>
/// A profile whose catalog version some of its Ready clusters do not run yet: how many, what its rollout says, and
/// the upgrade to that version when one was started (<see cref="UpgradeId"/>, with its runtime status).
/// </summary>
public sealed record PendingRollout(
    string Profile,
    string Version,
    RolloutMode Rollout,
    int ClustersBehind,
    string? UpgradeId,
    string? UpgradeStatus);
