using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Upgrades;
using ClusterFunctions.Functions.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Upgrades one cluster to its profile's current plan: ARM first when the managed cluster changes (control plane,
/// then each pool), then the bundles level by level behind their readiness gates, a prune of what the plan dropped,
/// and a verification. Its ledger record says "upgrading" meanwhile, so reconcile leaves the cluster alone, and holds
/// the new plan once verified (the old one again when the upgrade failed). Announces io.clusterfunctions.cluster.upgraded,
/// or io.clusterfunctions.cluster.upgrade-failed with the step and cause.
/// </summary>
public sealed class UpgradeClusterOrchestrator : TaskOrchestrator<UpgradeClusterInput, ClusterUpgradeResult>
{
    private static readonly TaskOptions LedgerRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(1)));

    [Function(nameof(UpgradeClusterOrchestrator))]
    public static Task<ClusterUpgradeResult> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new UpgradeClusterOrchestrator().RunAsync(context, context.GetInput<UpgradeClusterInput>()
            ?? throw new InvalidOperationException("a cluster's upgrade needs its UpgradeClusterInput"));

    public override async Task<ClusterUpgradeResult> RunAsync(TaskOrchestrationContext context, UpgradeClusterInput input)
    {
        var logger = context.CreateReplaySafeLogger<UpgradeClusterOrchestrator>();
        UpgradeTarget target;
        try
        {
            target = await context.CallActivityAsync<UpgradeTarget>(nameof(PrepareClusterUpgradeActivity), new PlanUpgradeRequest(input.UpgradeInstanceId, input.Upgrade, input.ClusterName));
        }
        catch (TaskFailedException e)
        {
            return new ClusterUpgradeResult(input.ClusterName, false, $"{StepNames.Plan}: {e.FailureDetails.ErrorMessage}");
        }

        var (from, to) = (target.From, target.To);
        var progress = new BuildProgress(context, "upgrade", to.ClusterName, to.RequestId, to.Profile) { ProfileVersion = to.ProfileVersion, PreviousProfileVersion = from.ProfileVersion };
        var arm = InfrastructureDiff.Compare(from.Infrastructure, to.Infrastructure);
        var pools = UpgradedPools(from, to, arm);
        var touchesArm = to.Infrastructure.Provider == InfrastructureProviders.Aks && arm.BodyChanged;
        progress.Declare([.. touchesArm ? [StepNames.Infrastructure, .. pools.Select(StepNames.NodePool)] : Array.Empty<string>(),
            .. to.Levels.SelectMany(l => l.Bundles.Select(b => StepNames.For(l, b))), StepNames.Prune, StepNames.Verification]);
        var steps = new ClusterSteps(context, input.Upgrade.Timings, new InfrastructureRequest(to.RequestId, to.Infrastructure), progress);

        // Before anything changes: reconcile reads this and does not repair a half-applied upgrade back.
        await context.CallActivityAsync<bool>(nameof(RecordClusterActivity), new RecordClusterRequest(target.Request, from, to.ProfileVersion), LedgerRetry);
        try
        {
            if (touchesArm)
            {
                await steps.UpgradeInfrastructureAsync(arm.KubernetesVersionChanges ? arm.KubernetesVersionTo : null, pools);
            }

            await steps.InstallLevelsAsync(to);
            await progress.RunAsync(StepNames.Prune, () => steps.PruneAsync(to));
            await progress.RunAsync(StepNames.Verification, () => steps.VerifyAsync(to));
            await context.CallActivityAsync<bool>(nameof(RecordClusterActivity), new RecordClusterRequest(target.Request, to), LedgerRetry);
            progress.Finish();
            await progress.EmitAsync(ClusterEventTypes.Upgraded);
            logger.LogInformation("Cluster {ClusterName} upgraded from {From} to {To}", to.ClusterName, from.ProfileVersion, to.ProfileVersion);
            return new ClusterUpgradeResult(to.ClusterName, true);
        }
        catch (StepFailedException failure)
        {
            logger.LogWarning("Upgrade of cluster {ClusterName} failed at step {Step}: {Cause}", to.ClusterName, failure.Step, failure.Cause);
            steps.Stop();
            progress.Fail(failure.Step, failure.Cause, []);
            progress.Finish();
            // The upgrade is over for this cluster: its record says the plan it had, so reconcile may take it back there.
            await context.CallActivityAsync<bool>(nameof(RecordClusterActivity), new RecordClusterRequest(target.Request, from), LedgerRetry);
            await progress.EmitAsync(ClusterEventTypes.UpgradeFailed);
            return new ClusterUpgradeResult(to.ClusterName, false, $"{failure.Step}: {failure.Cause}");
        }
    }

    /// <summary>The pools that move to the new Kubernetes version: those the cluster has and keeps (a new pool starts at it).</summary>
    private static IReadOnlyList<string> UpgradedPools(ClusterPlan from, ClusterPlan to, InfrastructureChanges arm) =>
        arm.KubernetesVersionChanges && from.Infrastructure.Aks is { } before && to.Infrastructure.Aks is { } after
            ? before.NodePools.Select(p => p.Name).Where(name => after.NodePools.Any(p => p.Name == name)).ToList()
            : [];
}
