using ClusterFunctions.Functions.Reconcile;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts a Ready cluster's reconcile loop (an activity: only a Durable client starts another orchestration without waiting for it).</summary>
public sealed class StartReconcileActivity(ReconcileLoops loops)
{
    [Function(nameof(StartReconcileActivity))]
    public Task RunAsync([ActivityTrigger] StartReconcileRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        loops.StartAsync(input.ClusterName, input.RequestId, input.Interval, context.CancellationToken);
}
