using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Deletes managed objects the plan no longer contains (all of them when the plan has no levels).</summary>
public sealed class PruneClusterActivity(IClusterInfrastructure infrastructure, IManifestApplier applier, TraceParents traceParents) : TracedActivity<ClusterPlanRequest, PruneResult>(traceParents)
{
    protected override async Task<PruneResult> ExecuteAsync(TaskActivityContext context, ClusterPlanRequest input)
    {
        using var connection = await infrastructure.ConnectAsync(input.Infrastructure, context.CancellationToken);
        return await applier.PruneAsync(connection, input.Plan, context.CancellationToken);
    }
}
