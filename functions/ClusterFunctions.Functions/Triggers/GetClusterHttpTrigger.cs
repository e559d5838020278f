using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Status;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>GET /api/clusters/{name}</c>: the cluster's state with every step, timing, error and the profile version.</summary>
public sealed class GetClusterHttpTrigger(ClusterStatusReader reader)
{
    [Function(nameof(GetClusterHttpTrigger))]
    public Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clusters/{name}")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient durableClient) => RunAsync(name, request.HttpContext);

    public async Task<IResult> RunAsync(string name, HttpContext http) =>
        await reader.ReadAsync(name, http.RequestAborted) is { } view
            ? Results.Ok(view)
            : HttpProblems.Error(StatusCodes.Status404NotFound, $"no cluster named '{(name.Length > 64 ? name[..64] : name)}'");
}
