using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Functions.Ledger;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Renders the request's plan from the catalog (I/O, so an activity, never the orchestrator).</summary>
public sealed class RenderPlanActivity(CatalogSource catalog, RouteSignatures signatures, TraceParents traceParents) : TracedActivity<RenderPlanRequest, ClusterPlan>(traceParents)
{
    [Function(nameof(RenderPlanActivity))]
    public Task<ClusterPlan> RunAsync([ActivityTrigger] RenderPlanRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(RenderPlanActivity), input, context);

    protected override async Task<ClusterPlan> ExecuteAsync(RenderPlanRequest input, CancellationToken cancellationToken)
    {
        // Before anything else: a build the routes did not start (requesters, approvers, quotas) does nothing.
        if (!await signatures.VerifyAsync(input.Signature, RouteSignatures.Start(input.Kind, input.InstanceId, input.Request), cancellationToken))
        {
            throw new PlanRejectedException([new CatalogProblem("request", "", $"this {input.Kind} was not started through the app's {input.Kind} route, so it does nothing")]);
        }

        // The catalog and its commit read together: a refresh in between must not label one commit's plan with another.
        var (loaded, revision) = catalog.LoadWithRevision();
        if (loaded.Problems.Count > 0)
        {
            throw new PlanRejectedException(loaded.Problems);
        }

        var result = ClusterPlanRenderer.Render(loaded.Catalog, input.Request);
        return (result.Plan ?? throw new PlanRejectedException(result.Problems)) with { CatalogRevision = revision };
    }
}
