using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.Http;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>DELETE /api/clusters/{name}</c>: starts the delete orchestration (202), or 404 / 409.</summary>
public sealed class DeleteClusterHttpTrigger(ClusterBuildScheduler scheduler, DurableTaskClient client)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/clusters/{name}", (string name, HttpContext http, DeleteClusterHttpTrigger trigger) => trigger.RunAsync(name, http));

    public async Task<IResult> RunAsync(string name, HttpContext http)
    {
        var result = await scheduler.DeleteAsync(name, http.RequestAborted);
        return result.Outcome switch
        {
            ScheduleOutcome.Started or ScheduleOutcome.AlreadyExists => client.CreateCheckStatusResponse(http.Request, result.InstanceId!),
            ScheduleOutcome.NotFound => HttpProblems.Error(StatusCodes.Status404NotFound, result.Problems[0].Message),
            _ => HttpProblems.Error(StatusCodes.Status409Conflict, result.Message!),
        };
    }
}
