using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Deletes managed objects the plan no longer contains (all of them when the plan has no levels).</summary>
public sealed class PruneClusterActivity(ClusterConnections connections, IManifestApplier applier, TraceParents traceParents) : TracedActivity<ClusterPlanRequest, PruneResult>(traceParents)
{
    [Function(nameof(PruneClusterActivity))]
    public Task<PruneResult> RunAsync([ActivityTrigger] ClusterPlanRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(PruneClusterActivity), input, context);

    protected override Task<PruneResult> ExecuteAsync(ClusterPlanRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(() => connections.UseAsync(input.Infrastructure,
            connection => applier.PruneAsync(connection, input.Plan, cancellationToken), cancellationToken));
}
