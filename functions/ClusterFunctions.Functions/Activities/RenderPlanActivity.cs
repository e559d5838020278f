using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Renders the request's plan from the catalog (I/O, so an activity, never the orchestrator).</summary>
public sealed class RenderPlanActivity(CatalogSource catalog, TraceParents traceParents) : TracedActivity<ClusterRequest, ClusterPlan>(traceParents)
{
    [Function(nameof(RenderPlanActivity))]
    public Task<ClusterPlan> RunAsync([ActivityTrigger] ClusterRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(RenderPlanActivity), input, context);

    protected override Task<ClusterPlan> ExecuteAsync(ClusterRequest input, CancellationToken cancellationToken)
    {
        var loaded = catalog.Load();
        if (loaded.Problems.Count > 0)
        {
            throw new PlanRejectedException(loaded.Problems);
        }

        var result = ClusterPlanRenderer.Render(loaded.Catalog, input);
        return Task.FromResult(result.Plan ?? throw new PlanRejectedException(result.Problems));
    }
}
