using System.Runtime.CompilerServices;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Functions.Triggers;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Rollout;

/// <summary>
/// Carries a profile's new content version to the clusters built from it, as the profile's <c>rollout</c> says:
/// <c>auto</c> starts the upgrade (through <see cref="ProfileUpgrades"/>, the one upgrade path), <c>manual</c> leaves
/// it pending for a person. It compares each cluster's recorded version with the catalog's rather than one catalog
/// with the next, so a commit found by the webhook, by the poll or a folder edit is acted on alike, by whichever
/// instance looks next, and looking twice starts nothing twice.
/// </summary>
public sealed class CatalogRollouts(CatalogSource catalog, ClusterRecords records, ProfileUpgrades upgrades, DurableTaskClient client, ILogger<CatalogRollouts> logger)
{
    // Each profile's version renders its plan; worked out once per catalog read, which CatalogSource keeps while the
    // catalog's files are unchanged, and dropped with it.
    private static readonly ConditionalWeakTable<CatalogLoadResult, Versions> VersionsByCatalog = new();

    /// <summary>Who an automatic upgrade is requested by: the app, for the platform team whose catalog asked for it.</summary>
    public static readonly Caller RolloutCaller = new("catalog-rollout", [ProfileUpgrades.Role]);

    /// <summary>Every profile some of whose Ready clusters run another version than the catalog's, in name order.</summary>
    public async Task<IReadOnlyList<PendingRollout>> PendingAsync(CancellationToken cancellationToken = default)
    {
        if (VersionsInForce() is not { } versions)
        {
            return [];
        }

        var pending = new List<PendingRollout>();
        var behind = (await records.ListAsync(cancellationToken: cancellationToken))
            .Where(r => versions.TryGetValue(r.Plan.Profile, out var now) && r.Plan.ProfileVersion != now.Version)
            .GroupBy(r => r.Plan.Profile)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var profile in behind)
        {
            var now = versions[profile.Key];
            var upgrade = await client.GetInstanceAsync(ProfileUpgrades.InstanceId(profile.Key, now.Version, dryRun: false), cancellationToken);
            pending.Add(new PendingRollout(profile.Key, now.Version, now.Rollout, profile.Count(), upgrade?.InstanceId, upgrade?.RuntimeStatus.ToString()));
        }

        return pending;
    }

    /// <summary>Starts every automatic rollout that is due (after a new commit came into force); the upgrades' ids.</summary>
    public async Task<IReadOnlyList<string>> StartDueAsync(CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        foreach (var pending in await PendingAsync(cancellationToken))
        {
            if (pending.Rollout == RolloutMode.Auto && pending.UpgradeStatus is null or "Completed" && await StartAsync(pending.Profile, pending.Version, cancellationToken) is { } id)
            {
                started.Add(id);
            }
        }

        return started;
    }

    /// <summary>
    /// Starts the upgrade of <paramref name="profile"/> when a cluster recorded at <paramref name="recordedVersion"/> is
    /// behind the catalog and the profile's rollout is auto (a reconcile check's look); the upgrade's id, or null.
    /// </summary>
    public async Task<string?> StartIfBehindAsync(string profile, string recordedVersion, CancellationToken cancellationToken = default)
    {
        return VersionsInForce() is { } versions && versions.TryGetValue(profile, out var now) && now.Rollout == RolloutMode.Auto && now.Version != recordedVersion
            ? await StartAsync(profile, now.Version, cancellationToken)
            : null;
    }

    /// <summary>Each profile's version and rollout in a loaded catalog, worked out once per load; null when the
    /// catalog has problems (it upgrades nothing: ProfileUpgrades would refuse it too, and Git never puts it in force).</summary>
    public static IReadOnlyDictionary<string, ProfileVersionInForce>? VersionsIn(CatalogLoadResult loaded) =>
        loaded.Problems.Count > 0 ? null : VersionsByCatalog.GetValue(loaded, l => new Versions(ProfileVersions.Of(l.Catalog))).ByProfile;

    private IReadOnlyDictionary<string, ProfileVersionInForce>? VersionsInForce() => VersionsIn(catalog.Load());

    private async Task<string?> StartAsync(string profile, string version, CancellationToken cancellationToken)
    {
        // Only the first upgrade to a version starts by itself. A failed one waits for a person (./cluster upgrade):
        // starting it again on every look would retry a failing change on running clusters without end. A succeeded one
        // goes to ProfileUpgrades, which runs it again only for clusters that became Ready behind it after it finished.
        var existing = await client.GetInstanceAsync(ProfileUpgrades.InstanceId(profile, version, dryRun: false), getInputsAndOutputs: true, cancellationToken);
        if (existing is not null && existing.ReadOutputAs<UpgradeStatus>() is not { State: "Succeeded" })
        {
            return null;
        }

        var (outcome, message, instanceId) = await upgrades.StartAsync(profile, new UpgradeRequest(), RolloutCaller, cancellationToken);
        if (outcome == UpgradeOutcome.Started)
        {
            logger.LogInformation("Rollout: profile {Profile} says rollout: auto, so its clusters are upgraded to version {Version} ({InstanceId})", profile, version, instanceId);
            return instanceId;
        }

        logger.LogInformation("Rollout: the upgrade of profile {Profile} to version {Version} did not start: {Reason}", profile, version, message);
        return null;
    }

    private sealed record Versions(IReadOnlyDictionary<string, ProfileVersionInForce> ByProfile);
}
