using System.Text.Json;
using ClusterFunctions.Core.Upgrades;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// An upgrade as callers see it (its custom status while it runs, its output once done): each cluster's diff, the
/// waves, where each cluster stands, and the outcome. State: Planning, DryRun (done, nothing changed), Upgrading,
/// Succeeded or Failed.
/// </summary>
public sealed record UpgradeStatus(
    string Profile,
    string ProfileVersion,
    bool DryRun,
    int WaveSize,
    string RequestedBy,
    string State,
    IReadOnlyList<ClusterUpgradeDiff> Diffs,
    IReadOnlyList<IReadOnlyList<string>> Waves,
    IReadOnlyList<ClusterUpgradeProgress> Clusters,
    IReadOnlyList<string> Skipped,
    int CurrentWave = 0,
    string? Error = null)
{
    /// <summary>
    /// This status within what the Durable extension stores as custom status (see <see cref="StatusBudget"/>): the
    /// diffs' object lists cut shorter until it fits. The output, once the upgrade is done, keeps every name.
    /// </summary>
    public UpgradeStatus Fitted()
    {
        foreach (var names in new[] { 20, 5, 0 })
        {
            var fitted = this with { Diffs = Diffs.Select(d => d.Trimmed(names)).ToList() };
            if (JsonSerializer.Serialize(fitted).Length <= StatusBudget.MaxCharacters)
            {
                return fitted;
            }
        }

        return this with { Diffs = [], Skipped = [] };
    }
}
