using ClusterFunctions.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>GET /api/profiles/{profile}/upgrade[?dryRun=true]</c>: the profile's latest upgrade (or dry run): each cluster's
/// diff, the waves, where each cluster stands and the outcome; 403 (not the platform role), 404 when there is none.
/// </summary>
public sealed class GetUpgradeHttpTrigger(ProfileUpgrades upgrades)
{
    [Function(nameof(GetUpgradeHttpTrigger))]
    public Task<IResult> RunFunctionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "profiles/{profile}/upgrade")] HttpRequest request, string profile,
        [DurableClient] DurableTaskClient durableClient) => RunAsync(profile, request.Query["dryRun"] == "true", request.HttpContext);

    public async Task<IResult> RunAsync(string profile, bool dryRun, HttpContext http)
    {
        var (outcome, message, view) = await upgrades.ReadAsync(profile, dryRun, Caller.From(http.User), http.RequestAborted);
        return outcome switch
        {
            UpgradeOutcome.Found => Results.Ok(view),
            UpgradeOutcome.Forbidden => HttpProblems.Error(StatusCodes.Status403Forbidden, message),
            _ => HttpProblems.Error(StatusCodes.Status404NotFound, message),
        };
    }
}
