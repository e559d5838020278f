using ClusterFunctions.Core.Plans;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>POST /api/plans</c>: a dry run; answers the plan "create" would carry out, or 400 with field errors.</summary>
public sealed class CreatePlanHttpTrigger(CatalogSource catalog)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans", (HttpContext http, CreatePlanHttpTrigger trigger) => trigger.RunAsync(http));

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
