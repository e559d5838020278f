using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>POST /api/plans</c>: a dry run; answers the plan "create" would carry out, or 400 with field errors.</summary>
public sealed class CreatePlanHttpTrigger(CatalogSource catalog)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans", (HttpContext http, CreatePlanHttpTrigger trigger) => trigger.RunAsync(http));

    public async Task<IResult> RunAsync(HttpContext http)
    {
        var body = await HttpProblems.ReadBodyAsync(http.Request, RequestLimits.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return HttpProblems.Error(StatusCodes.Status413PayloadTooLarge, $"body is larger than {RequestLimits.MaxBodyBytes} bytes");
        }

        var (request, problems) = ClusterRequestParser.Parse(body);
        if (request is null)
        {
            return HttpProblems.BadRequest(problems);
        }

        var loaded = catalog.Load();
        var result = loaded.Problems.Count > 0 ? new PlanResult(null, loaded.Problems) : ClusterPlanRenderer.Render(loaded.Catalog, request);
        return result.Plan is { } plan
            ? Results.Content(PlanDocument.ToJson(plan).ToJsonString(), "application/json")
            : HttpProblems.BadRequest(result.Problems);
    }
}
