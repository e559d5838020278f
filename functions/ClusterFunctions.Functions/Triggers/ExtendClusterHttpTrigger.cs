using ClusterFunctions.Core.Requests;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/clusters/{name}/extend</c> with <c>{"by": "4h"}</c>: pushes a cluster's expiry back: 200 with the new
/// <c>expiresAt</c> once the lease took it (202 when it has not yet), or 400, 403 (not the requester's nor the
/// profile's), 404, 409 (no expiry: no ttl, not Ready, being deleted; or other extensions kept racing it).
/// </summary>
public sealed class ExtendClusterHttpTrigger(ClusterExpiries expiries)
{
    [Function(nameof(ExtendClusterHttpTrigger))]
    public async Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clusters/{name}/extend")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient durableClient)
    {
        var (body, refusal) = await HttpProblems.ReadExtendAsync(request.HttpContext);
        return body is null ? refusal! : await RunAsync(name, body, request.HttpContext);
    }

    public async Task<IResult> RunAsync(string name, ExtendRequest body, HttpContext http)
    {
        var caller = Caller.From(http.User);
        var (outcome, message, expiresAt) = await expiries.ExtendAsync(name, body.By, caller, http.RequestAborted);
        return outcome switch
        {
            ExtendOutcome.Extended => Results.Ok(new { cluster = name, expiresAt, by = caller.Name }),
            ExtendOutcome.Pending when expiresAt is not null => Results.Accepted(value: new { cluster = name, expiresAt, by = caller.Name, message }),
            ExtendOutcome.Pending => HttpProblems.Error(StatusCodes.Status409Conflict, message),
            ExtendOutcome.NotFound => HttpProblems.Error(StatusCodes.Status404NotFound, message),
            ExtendOutcome.Forbidden => HttpProblems.Error(StatusCodes.Status403Forbidden, message),
            ExtendOutcome.TooLong => HttpProblems.Error(StatusCodes.Status400BadRequest, message),
            _ => HttpProblems.Error(StatusCodes.Status409Conflict, message),
        };
    }
}
