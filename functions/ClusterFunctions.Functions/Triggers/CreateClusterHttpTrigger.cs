using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>POST /api/clusters</c>: validates, starts one build per cluster name, answers 202 with the check-status payload.</summary>
public sealed class CreateClusterHttpTrigger(ClusterBuildScheduler scheduler, IOptions<LimitsOptions> limits)
{
    [Function(nameof(CreateClusterHttpTrigger))]
    public Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clusters")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient) => RunAsync(request.HttpContext);

    public async Task<IResult> RunAsync(HttpContext http)
    {
        var (request, refusal) = await HttpProblems.ReadClusterRequestAsync(http);
        if (request is null)
        {
            return refusal!;
        }

        var result = await scheduler.CreateAsync(request, Caller.From(http.User), http.RequestAborted);
        return result.Outcome switch
        {
            ScheduleOutcome.Started or ScheduleOutcome.AlreadyExists => new BuildAcceptedResult(request.ClusterName, result.InstanceId!),
            ScheduleOutcome.NameTaken or ScheduleOutcome.RequestIdTaken => HttpProblems.Error(StatusCodes.Status409Conflict, result.Message!),
            ScheduleOutcome.Forbidden => HttpProblems.Error(StatusCodes.Status403Forbidden, result.Message!),
            ScheduleOutcome.OverQuota => HttpProblems.TooManyRequests(http, result.Message!, limits.Value.RetryAfter),
            _ => HttpProblems.BadRequest(result.Problems),
        };
    }
}
