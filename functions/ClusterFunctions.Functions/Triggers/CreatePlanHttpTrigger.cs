using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>POST /api/plans</c>: a dry run; answers the plan "create" would carry out, or 400 with field errors.</summary>
public sealed class CreatePlanHttpTrigger(CatalogSource catalog)
{
    [Function(nameof(CreatePlanHttpTrigger))]
    public Task<IResult> RunFunctionAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "plans")] HttpRequest request) =>
        RunAsync(request.HttpContext);

    public async Task<IResult> RunAsync(HttpContext http)
    {
        var (request, refusal) = await HttpProblems.ReadClusterRequestAsync(http);
        if (request is null)
        {
            return refusal!;
        }

        var loaded = catalog.Load();
        var result = loaded.Problems.Count > 0 ? new PlanResult(null, loaded.Problems) : ClusterPlanRenderer.Render(loaded.Catalog, request);
        return result.Plan is { } plan
            ? Results.Content(PlanDocument.ToJson(plan).ToJsonString(), "application/json")
            : HttpProblems.BadRequest(result.Problems);
    }
}
