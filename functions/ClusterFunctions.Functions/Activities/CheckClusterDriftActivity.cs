using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Reconcile;
using ClusterFunctions.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>One reconcile check of a cluster against its recorded plan (and a repair, in repair mode).</summary>
public sealed class CheckClusterDriftActivity(ClusterDriftCheck check, TraceParents traceParents) : TracedActivity<ReconcileLease, DriftReport>(traceParents)
{
    private string instanceId = "";

    [Function(nameof(CheckClusterDriftActivity))]
    public Task<DriftReport> RunAsync([ActivityTrigger] ReconcileLease input, [DurableClient] DurableTaskClient durableClient, FunctionContext context)
    {
        // The loop's instance, which the lease's signature covers; the host passes it as binding data.
        instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is string value ? value : "";
        return RunTracedAsync(nameof(CheckClusterDriftActivity), input, context);
    }

    protected override Task<DriftReport> ExecuteAsync(ReconcileLease input, CancellationToken cancellationToken) =>
        check.CheckAsync(instanceId, input, cancellationToken);
}
