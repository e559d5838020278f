using ClusterFunctions.Functions.Status;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>GET /api/clusters/{name}</c>: the cluster's state with every step, timing, error and the profile version.</summary>
public sealed class GetClusterHttpTrigger(ClusterStatusReader reader)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/clusters/{name}", (string name, HttpContext http, GetClusterHttpTrigger trigger) => trigger.RunAsync(name, http));

    public async Task<IResult> RunAsync(string name, HttpContext http) =>
        await reader.ReadAsync(name, http.RequestAborted) is { } view
            ? Results.Ok(view)
            : HttpProblems.Error(StatusCodes.Status404NotFound, $"no cluster named '{(name.Length > 64 ? name[..64] : name)}'");
}
