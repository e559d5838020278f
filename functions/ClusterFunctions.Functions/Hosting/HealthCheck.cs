using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Hosting;

/// <summary><c>/health/ready</c>: ready when the catalog the app builds from is valid.</summary>
public sealed class HealthCheck(CatalogSource catalog)
{
    public IResult Run()
    {
        var problems = catalog.Load().Problems.Count;
        return problems == 0
            ? Results.Ok(new { status = "Healthy" })
            : Results.Json(new { status = "Unhealthy", reason = $"catalog has {problems} problem(s)" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
