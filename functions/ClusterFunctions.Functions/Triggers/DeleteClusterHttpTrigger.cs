using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>DELETE /api/clusters/{name}</c>: starts the delete orchestration (202), or 403 (not the requester's nor the profile's), 404, 409.</summary>
public sealed class DeleteClusterHttpTrigger(ClusterBuildScheduler scheduler)
{
    [Function(nameof(DeleteClusterHttpTrigger))]
    public Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "clusters/{name}")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient durableClient) => RunAsync(name, request.HttpContext);

    public async Task<IResult> RunAsync(string name, HttpContext http)
    {
        var result = await scheduler.DeleteAsync(name, Caller.From(http.User), http.RequestAborted);
        return result.Outcome switch
        {
            ScheduleOutcome.Started or ScheduleOutcome.AlreadyExists => new BuildAcceptedResult(name, result.InstanceId!),
            ScheduleOutcome.NotFound => HttpProblems.Error(StatusCodes.Status404NotFound, result.Problems[0].Message),
            ScheduleOutcome.Forbidden => HttpProblems.Error(StatusCodes.Status403Forbidden, result.Message!),
            _ => HttpProblems.Error(StatusCodes.Status409Conflict, result.Message!),
        };
    }
}
