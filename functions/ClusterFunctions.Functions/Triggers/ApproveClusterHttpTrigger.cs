using ClusterFunctions.Core.Requests;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/clusters/{name}/approve</c> with <c>{"approved": true|false, "comment": "..."}</c>: an
/// approver of the cluster's profile decides on a build that waits for approval.
/// </summary>
public sealed class ApproveClusterHttpTrigger(BuildApprovals approvals)
{
    [Function(nameof(ApproveClusterHttpTrigger))]
    public async Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clusters/{name}/approve")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient durableClient)
    {
        // Core's strict parser, as for creates: duplicate keys, "approved": "true" and unknown fields are refused.
        var (body, refusal) = await HttpProblems.ReadApprovalAsync(request.HttpContext);
        return body is null ? refusal! : await RunAsync(name, body, request.HttpContext);
    }

    public async Task<IResult> RunAsync(string name, ApprovalRequest body, HttpContext http)
    {
        var caller = Caller.From(http.User);
        var (outcome, message) = await approvals.DecideAsync(name, body.Approved, body.Comment, caller, http.RequestAborted);
        return outcome switch
        {
            ApprovalOutcome.Accepted => Results.Accepted(value: new { cluster = name, approved = body.Approved, by = caller.Name }),
            ApprovalOutcome.NotFound => HttpProblems.Error(StatusCodes.Status404NotFound, message),
            ApprovalOutcome.NotWaiting => HttpProblems.Error(StatusCodes.Status409Conflict, message),
            _ => HttpProblems.Error(StatusCodes.Status403Forbidden, message),
        };
    }
}
