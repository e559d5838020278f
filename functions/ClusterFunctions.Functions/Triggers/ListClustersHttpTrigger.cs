using ClusterFunctions.Functions.Status;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>GET /api/clusters</c>: every cluster the app has built or is building.</summary>
public sealed class ListClustersHttpTrigger(ClusterStatusReader reader)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/clusters", (HttpContext http, ListClustersHttpTrigger trigger) => trigger.RunAsync(http));

    public async Task<IResult> RunAsync(HttpContext http) => Results.Ok(await reader.ListAsync(http.RequestAborted));
}
