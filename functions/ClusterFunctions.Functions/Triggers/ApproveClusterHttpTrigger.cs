using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/clusters/{name}/approve</c> with <c>{"approved": true|false, "comment": "..."}</c>: an
/// approver of the cluster's profile decides on a build that waits for approval.
/// </summary>
public sealed class ApproveClusterHttpTrigger(BuildApprovals approvals)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/clusters/{name}/approve", (string name, ApprovalBody body, HttpContext http, ApproveClusterHttpTrigger trigger) => trigger.RunAsync(name, body, http));

    public async Task<IResult> RunAsync(string name, ApprovalBody body, HttpContext http)
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
