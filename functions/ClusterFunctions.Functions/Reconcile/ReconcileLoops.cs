using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Triggers;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Reconcile;

/// <summary>
/// Starts a Ready cluster's reconcile loop (one instance per name, <see cref="ClusterBuildScheduler.ReconcileInstanceId"/>),
/// signed for its build, replacing a loop left by an earlier cluster of the same name.
/// </summary>
public sealed class ReconcileLoops(DurableTaskClient client, RouteSignatures signatures)
{
    public async Task StartAsync(string clusterName, string requestId, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var instanceId = ClusterBuildScheduler.ReconcileInstanceId(clusterName);
        await PerClusterLoops.StartAsync<ReconcileLease>(client, nameof(ReconcileClusterOrchestrator), instanceId, requestId, lease => lease.RequestId, async () =>
            new ReconcileLease(clusterName, requestId, await signatures.SignAsync(RouteSignatures.Reconcile(instanceId, requestId), cancellationToken), interval),
            cancellationToken);
    }

    /// <summary>The loop's last check of this build's cluster, or null when it has none (yet).</summary>
    public async Task<ReconcileStatus?> LastCheckAsync(string clusterName, string? requestId, CancellationToken cancellationToken = default)
    {
        var loop = await client.GetInstanceAsync(ClusterBuildScheduler.ReconcileInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        return loop is { IsRunning: true } && loop.ReadCustomStatusAs<ReconcileStatus>() is { } status && status.RequestId == requestId ? status : null;
    }
}
