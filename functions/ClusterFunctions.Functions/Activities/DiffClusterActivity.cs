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
            var newNamespaces = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bundle in target.To.Levels.SelectMany(l => l.Bundles))
            {
                // An object in a namespace the upgrade creates cannot exist yet, and a dry run of it would be refused
                // (its namespace is not there): it is one to create. Namespaces come first in every plan.
                var inNewNamespaces = bundle.Manifests.Where(m => m.Namespace is { } ns && newNamespaces.Contains(ns)).ToList();
                dryRun.AddRange(inNewNamespaces.Select(m => new AppliedObject(new KubernetesObjectRef(m.ApiVersion, m.Kind, m.Namespace, m.Name), ApplyOutcome.Created, "")));
                var present = bundle with { Manifests = bundle.Manifests.Except(inNewNamespaces).ToList() };
                var checkedObjects = present.Manifests.Count == 0 ? [] : (await drift.CheckBundleAsync(connection, target.To.ClusterName, present, cancellationToken)).Objects;
                newNamespaces.UnionWith(checkedObjects.Where(o => o.Object.Kind == "Namespace" && o.Outcome == ApplyOutcome.Created).Select(o => o.Object.Name));
                dryRun.AddRange(checkedObjects);
            }

            return new ClusterUpgradeDiff(target.To.ClusterName, target.From.ProfileVersion, target.To.ProfileVersion,
                InfrastructureDiff.Compare(target.From.Infrastructure, target.To.Infrastructure), ManifestDiff.Compare(target.From, target.To, dryRun));
        });
    }
}
