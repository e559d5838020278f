using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/clusters/{name}/cancel</c> with an optional <c>{"reason": "..."}</c>: terminates a running build (202);
/// 403 for a caller who may not delete the cluster either, 404, 409 when it is not being built. Its subscribers get a
/// ClusterFailed saying "terminated by CALLER: REASON".
/// </summary>
public sealed class CancelClusterHttpTrigger(BuildCancellations cancellations)
{
    [Function(nameof(CancelClusterHttpTrigger))]
    public async Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clusters/{name}/cancel")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient durableClient)
    {
        var (body, refusal) = await HttpProblems.ReadCancelAsync(request.HttpContext);
        return body is null ? refusal! : await RunAsync(name, body, request.HttpContext);
    }

    public async Task<IResult> RunAsync(string name, CancelRequest body, HttpContext http)
    {
        var (outcome, message) = await cancellations.CancelAsync(name, body.Reason, Caller.From(http.User), http.RequestAborted);
        return outcome switch
        {
            CancelOutcome.Accepted => Results.Accepted($"/api/clusters/{Uri.EscapeDataString(name)}", new { cluster = name, reason = message }),
            CancelOutcome.NotFound => HttpProblems.Error(StatusCodes.Status404NotFound, message),
            CancelOutcome.NotRunning => HttpProblems.Error(StatusCodes.Status409Conflict, message),
            _ => HttpProblems.Error(StatusCodes.Status403Forbidden, message),
        };
    }
}
