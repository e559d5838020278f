using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Upgrades;
using ClusterFunctions.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// One cluster's upgrade diff, changing nothing: ARM from the recorded plan against the new one, manifests from a
/// dry-run apply of the new plan against the live cluster, and deletions as what the new plan no longer holds.
/// </summary>
public sealed class DiffClusterActivity(UpgradeTargets targets, IClusterInfrastructure infrastructure, IDriftChecker drift, TraceParents traceParents) : TracedActivity<PlanUpgradeRequest, ClusterUpgradeDiff>(traceParents)
{
    [Function(nameof(DiffClusterActivity))]
    public Task<ClusterUpgradeDiff> RunAsync([ActivityTrigger] PlanUpgradeRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(DiffClusterActivity), input, context);

    protected override async Task<ClusterUpgradeDiff> ExecuteAsync(PlanUpgradeRequest input, CancellationToken cancellationToken)
    {
        var target = await targets.RenderAsync(input.Upgrade.Profile, input.Upgrade.ProfileVersion, input.ClusterName!, cancellationToken);
        return await TransientFailures.RetryableAsync(async () =>
        {
            using var connection = await infrastructure.ConnectAsync(new InfrastructureRequest(target.From.RequestId, target.From.Infrastructure), cancellationToken);
            var dryRun = new List<AppliedObject>();
            foreach (var bundle in target.To.Levels.SelectMany(l => l.Bundles))
            {
                dryRun.AddRange((await drift.CheckBundleAsync(connection, target.To.ClusterName, bundle, cancellationToken)).Objects);
            }

            return new ClusterUpgradeDiff(target.To.ClusterName, target.From.ProfileVersion, target.To.ProfileVersion,
                InfrastructureDiff.Compare(target.From.Infrastructure, target.To.Infrastructure), ManifestDiff.Compare(target.From, target.To, dryRun));
        });
    }
}
