using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/profiles/{profile}/upgrade</c> with <c>{"waveSize": 2, "dryRun": true}</c> (both optional): upgrades
/// the profile's clusters to its current version, or only shows each one's diff (202 with the status URL; the same
/// upgrade already running is the same 202); 400, 403 (not the platform role), 404, 409 (already upgraded).
/// </summary>
public sealed class UpgradeProfileHttpTrigger(ProfileUpgrades upgrades)
{
    [Function(nameof(UpgradeProfileHttpTrigger))]
    public async Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "profiles/{profile}/upgrade")] HttpRequest request, string profile,
        [DurableClient] DurableTaskClient durableClient)
    {
        var (body, refusal) = await HttpProblems.ReadUpgradeAsync(request.HttpContext);
        return body is null ? refusal! : await RunAsync(profile, body, request.HttpContext);
    }

    public async Task<IResult> RunAsync(string profile, UpgradeRequest body, HttpContext http)
    {
        var (outcome, message, instanceId) = await upgrades.StartAsync(profile, body, Caller.From(http.User), http.RequestAborted);
        var status = $"/api/profiles/{Uri.EscapeDataString(profile)}/upgrade{(body.DryRun ? "?dryRun=true" : "")}";
        return outcome switch
        {
            UpgradeOutcome.Started or UpgradeOutcome.AlreadyRunning => Results.Accepted(status, new { id = instanceId, profile, message, statusQueryGetUri = status }),
            UpgradeOutcome.AlreadyDone => HttpProblems.Error(StatusCodes.Status409Conflict, message),
            UpgradeOutcome.NotFound => HttpProblems.Error(StatusCodes.Status404NotFound, message),
            UpgradeOutcome.Forbidden => HttpProblems.Error(StatusCodes.Status403Forbidden, message),
            _ => HttpProblems.Error(StatusCodes.Status400BadRequest, message),
        };
    }
}
