using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Triggers;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Reconcile;

/// <summary>
/// Compares a Ready cluster with the plan its record holds: the managed cluster in ARM (there, and its node pools'
/// bounds) and every planned object in Kubernetes (a server-side dry run: missing or changed by hand, namespaces and
/// the RBAC lock included). In repair mode the bundles that drifted are applied again and checked once more.
/// </summary>
public sealed class ClusterDriftCheck(ClusterRecords records, DurableTaskClient client, RouteSignatures signatures, IClusterInfrastructure infrastructure,
    IDriftChecker drift, IManifestApplier applier)
{
    public async Task<DriftReport> CheckAsync(string instanceId, ReconcileLease lease, CancellationToken cancellationToken = default)
    {
        if (!await signatures.VerifyAsync(lease.Signature, RouteSignatures.Reconcile(instanceId, lease.RequestId), cancellationToken))
        {
            return Ended("this reconcile loop was not started by the app");
        }

        var record = await records.ReadAsync(lease.ClusterName, cancellationToken);
        if (record is null || record.RequestId != lease.RequestId || await BeingDeletedAsync(lease.ClusterName, cancellationToken))
        {
            return Ended("the cluster was deleted, or its name now belongs to another build");
        }

        var plan = record.Plan;
        if (plan.Reconcile is not { } policy)
        {
            return Ended($"profile version {plan.ProfileVersion} does not reconcile");
        }

        if (record.UpgradingTo is { } version)
        {
            return Report(DriftReport.Upgrading, plan, [$"an upgrade to profile version {version} is being applied"]);
        }

        var request = new InfrastructureRequest(plan.RequestId, plan.Infrastructure);
        try
        {
            var armDifferences = new List<string>();
            if (plan.Infrastructure.Aks is { } aks)
            {
                var state = await infrastructure.GetStateAsync(request, cancellationToken);
                if (state.Phase is InfrastructurePhase.Absent or InfrastructurePhase.Deleting)
                {
                    return Report(DriftReport.Missing, plan, [$"managed cluster {aks.ResourceId} {(state.Phase == InfrastructurePhase.Absent ? "no longer exists" : "is being deleted")} in Azure Resource Manager"]);
                }

                armDifferences.AddRange(NodePoolDrift.Differences(aks.NodePools, state.NodePools));
            }

            using var connection = await infrastructure.ConnectAsync(request, cancellationToken);
            var drifted = await DriftedBundlesAsync(connection, plan, plan.Levels.SelectMany(l => l.Bundles), cancellationToken);
            var differences = armDifferences.Concat(drifted.SelectMany(d => d.Differences)).ToList();
            if (differences.Count == 0 || policy.Mode != ReconcileMode.Repair || drifted.Count == 0)
            {
                return Report(differences.Count == 0 ? DriftReport.Ready : DriftReport.Drifted, plan, differences);
            }

            foreach (var (bundle, _) in drifted)
            {
                await applier.ApplyBundleAsync(connection, plan.ClusterName, bundle, cancellationToken);
            }

            // Node-pool bounds are Azure Resource Manager's to change: reported, not repaired here.
            var left = armDifferences.Concat((await DriftedBundlesAsync(connection, plan, drifted.Select(d => d.Bundle), cancellationToken)).SelectMany(d => d.Differences)).ToList();
            var repaired = drifted.SelectMany(d => d.Differences).Except(left).ToList();
            return Report(left.Count == 0 ? DriftReport.Ready : DriftReport.Drifted, plan, left) with { Repaired = repaired, FoundBeforeRepair = differences };
        }
        catch (Exception e) when (e is InfrastructureException { Kind: InfrastructureErrorKind.RetryLater } or KubernetesApplyException { Retryable: true } or HttpRequestException)
        {
            return Report(DriftReport.Unreachable, plan, [Bounded(e.Message)]);
        }
    }

    private async Task<List<(BundlePlan Bundle, List<string> Differences)>> DriftedBundlesAsync(ClusterConnection connection, ClusterPlan plan, IEnumerable<BundlePlan> bundles, CancellationToken cancellationToken)
    {
        var drifted = new List<(BundlePlan, List<string>)>();
        foreach (var bundle in bundles)
        {
            var result = await drift.CheckBundleAsync(connection, plan.ClusterName, bundle, cancellationToken);
            var differences = result.Objects.Where(o => o.Outcome != ApplyOutcome.Unchanged)
                .Select(o => o.Outcome == ApplyOutcome.Created ? $"{o.Object} is missing" : $"{o.Object} differs from the plan").ToList();
            if (differences.Count > 0)
            {
                drifted.Add((bundle, differences));
            }
        }

        return drifted;
    }

    private async Task<bool> BeingDeletedAsync(string clusterName, CancellationToken cancellationToken)
    {
        var created = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(clusterName), getInputsAndOutputs: false, cancellationToken);
        var deleted = await client.GetInstanceAsync(ClusterBuildScheduler.DeleteInstanceId(clusterName), getInputsAndOutputs: false, cancellationToken);
        return deleted is not null && (created is null || deleted.CreatedAt >= created.CreatedAt);
    }

    private static DriftReport Report(string state, ClusterPlan plan, IReadOnlyList<string> differences) =>
        new(state, differences, [], plan.Reconcile, plan.Profile, plan.ProfileVersion);

    private static DriftReport Ended(string why) => new(DriftReport.Ended, [why], [], null, "", "");

    private static string Bounded(string message) => message.Length > 500 ? message[..500] + "…" : message;
}
