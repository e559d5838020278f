using System.Diagnostics;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// The one path to upgrading a profile's clusters: only the platform role, one upgrade per profile version (its
/// instance id, <see cref="InstanceId"/>), signed like a build's start so one started past this path changes nothing.
/// A failed upgrade may be asked for again: it takes the clusters still behind. A succeeded one runs again only for
/// clusters recorded behind after it finished (<see cref="RecordedBehindSinceAsync"/>); otherwise it is done.
/// </summary>
public sealed class ProfileUpgrades(DurableTaskClient client, CatalogSource catalog, ClusterRecords records, RouteSignatures signatures,
    IOptions<BuildOptions> options)
{
    /// <summary>Upgrades change every cluster of a profile, whoever requested them: the platform team's call.</summary>
    public const string Role = "platform";

    public static string InstanceId(string profile, string version, bool dryRun) => $"{(dryRun ? "dryrun" : "upgrade")}-{profile}-{version}";

    public async Task<(UpgradeOutcome Outcome, string Message, string? InstanceId)> StartAsync(string profile, UpgradeRequest body, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Refusal(caller) is { } refusal)
        {
            return (UpgradeOutcome.Forbidden, refusal, null);
        }

        var loaded = catalog.Load();
        if (loaded.Problems.Count > 0)
        {
            return (UpgradeOutcome.Invalid, $"the catalog has {loaded.Problems.Count} problem(s), so nothing is upgraded; run ./cluster validate", null);
        }

        if (!ProfileComposer.ConcreteProfiles(loaded.Catalog).Contains(profile))
        {
            return (UpgradeOutcome.NotFound, $"no profile named '{(profile.Length > 64 ? profile[..64] : profile)}'", null);
        }

        var version = ClusterPlanRenderer.Render(loaded.Catalog, new ClusterRequest("upgrade", CatalogValidator.SampleClusterName, profile)).Plan?.ProfileVersion;
        if (version is null)
        {
            return (UpgradeOutcome.Invalid, $"profile '{profile}' does not render a plan; run ./cluster plan --profile {profile} --name test", null);
        }

        var instanceId = InstanceId(profile, version, body.DryRun);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (existing is { IsRunning: true })
        {
            return (UpgradeOutcome.AlreadyRunning, $"the upgrade of profile '{profile}' to version {version} is already running", instanceId);
        }

        if (!body.DryRun && existing?.ReadOutputAs<UpgradeStatus>() is { State: "Succeeded" }
            && !await RecordedBehindSinceAsync(profile, version, existing.LastUpdatedAt, cancellationToken))
        {
            return (UpgradeOutcome.AlreadyDone, $"profile '{profile}' was already upgraded to version {version} ({instanceId})", instanceId);
        }

        var timings = new BuildTimings(options.Value.InfrastructurePollInterval, options.Value.GatePollInterval, options.Value.InfrastructureTimeout);
        var signature = await signatures.SignAsync(RouteSignatures.Upgrade(instanceId, profile, version, body.WaveSize, body.DryRun, caller.Name), cancellationToken);
        var input = new UpgradeProfileInput(profile, version, body.WaveSize, body.DryRun, caller.Name, timings, Activity.Current?.Id, signature);
        try
        {
            var start = new StartOrchestrationOptions(instanceId) { DedupeStatuses = ["Pending", "Running", "Suspended"] };
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(UpgradeProfileOrchestrator), input, start, cancellationToken);
            return (UpgradeOutcome.Started, $"upgrading profile '{profile}' to version {version}", instanceId);
        }
        catch (Exception e) when (InstanceConflicts.AlreadyExists(e))
        {
            return (UpgradeOutcome.AlreadyRunning, $"the upgrade of profile '{profile}' to version {version} is already running", instanceId);
        }
    }

    /// <summary>The latest upgrade (or dry run) of the profile: its status while it runs, its output once done.</summary>
    public async Task<(UpgradeOutcome Outcome, string Message, object? View)> ReadAsync(string profile, bool dryRun, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Refusal(caller) is { } refusal)
        {
            return (UpgradeOutcome.Forbidden, refusal, null);
        }

        OrchestrationMetadata? latest = null;
        var query = new OrchestrationQuery { InstanceIdPrefix = InstanceId(profile, "", dryRun), FetchInputsAndOutputs = true };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            // Each cluster's part is an instance under the upgrade's id too (UPGRADE:CLUSTER): not an upgrade itself.
            if (!instance.InstanceId.Contains(':', StringComparison.Ordinal) && instance.ReadInputAs<UpgradeProfileInput>()?.Profile == profile
                && (latest is null || instance.CreatedAt > latest.CreatedAt))
            {
                latest = instance;
            }
        }

        if (latest is null)
        {
            return (UpgradeOutcome.NotFound, $"profile '{(profile.Length > 64 ? profile[..64] : profile)}' has no {(dryRun ? "dry run" : "upgrade")}", null);
        }

        var status = (latest.IsCompleted ? latest.ReadOutputAs<UpgradeStatus>() : null) ?? latest.ReadCustomStatusAs<UpgradeStatus>();
        return (UpgradeOutcome.Found, "", new { id = latest.InstanceId, runtimeStatus = latest.RuntimeStatus.ToString(), latest.CreatedAt, latest.LastUpdatedAt, upgrade = status });
    }

    /// <summary>
    /// Whether a cluster of the profile was recorded at another version after <paramref name="finishedAt"/>: a build that
    /// rendered its plan before the profile changed (say, while it waited for approval) and became Ready after the
    /// upgrade had finished, which that upgrade could not take. Only those: a cluster the upgrade itself left behind
    /// was recorded before it finished, so a succeeded upgrade never starts again and again for the same clusters.
    /// </summary>
    private async Task<bool> RecordedBehindSinceAsync(string profile, string version, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        (await records.ListAsync(profile, cancellationToken)).Any(r => r.Plan.ProfileVersion != version && r.UpdatedAt > finishedAt);

    private static string? Refusal(Caller caller) => caller.Roles.Contains(Role, StringComparer.Ordinal)
        ? null
        : $"'{caller.Name}' may not upgrade profiles: only a caller with role '{Role}' may";
}
