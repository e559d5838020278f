using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Status;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>GET /api/clusters</c>: every cluster the app has built or is building.</summary>
public sealed class ListClustersHttpTrigger(ClusterStatusReader reader)
{
    [Function(nameof(ListClustersHttpTrigger))]
    public Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clusters")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient) => RunAsync(request.HttpContext);

    public async Task<IResult> RunAsync(HttpContext http) => Results.Ok(await reader.ListAsync(http.RequestAborted));
}
