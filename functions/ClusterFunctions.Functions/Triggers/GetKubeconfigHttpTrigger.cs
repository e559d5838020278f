using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>GET /api/clusters/{name}/kubeconfig</c>: the cluster's user kubeconfig, fetched from Azure Resource Manager
/// (listClusterUserCredential) when asked and handed straight to the caller: the app never stores it, and it goes
/// nowhere else (no log, event, status or history). Only the cluster's requester, or a caller the profile lets
/// request such a cluster, gets it.
/// </summary>
public sealed class GetKubeconfigHttpTrigger(IClusterInfrastructure infrastructure, ClusterAccess access, ILogger<GetKubeconfigHttpTrigger> logger)
{
    [Function(nameof(GetKubeconfigHttpTrigger))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clusters/{name}/kubeconfig")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient durableClient)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var build = await durableClient.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(name), getInputsAndOutputs: true, cancellationToken);
        if (build?.ReadInputAs<CreateClusterInput>() is not { } input)
        {
            return HttpProblems.Error(StatusCodes.Status404NotFound, $"no cluster named '{(name.Length > 64 ? name[..64] : name)}'");
        }

        var caller = Caller.From(request.HttpContext.User);
        if (access.Refusal(input.Request, caller, "take the kubeconfig of") is { } refusal)
        {
            return HttpProblems.Error(StatusCodes.Status403Forbidden, refusal);
        }

        if (build.IsRunning && build.ReadCustomStatusAs<ClusterBuildStatus>() is { Finished: true, Failure: null })
        {
            // Ready was announced a moment before the build's last checkpoint; its result follows within moments.
            using var shortly = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            shortly.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                build = await durableClient.WaitForInstanceCompletionAsync(build.InstanceId, getInputsAndOutputs: true, shortly.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still finishing: answered below as not ready.
            }
        }

        // A delete older than this build belongs to a cluster of the same name that came before it.
        var delete = await durableClient.GetInstanceAsync(ClusterBuildScheduler.DeleteInstanceId(name), getInputsAndOutputs: false, cancellationToken);
        var deleted = delete is not null && delete.CreatedAt >= build.CreatedAt;
        if (build.RuntimeStatus != OrchestrationRuntimeStatus.Completed || build.ReadOutputAs<ClusterBuildResult>() is not { } built || deleted)
        {
            return HttpProblems.Error(StatusCodes.Status409Conflict, $"cluster '{name}' is not ready (its build is {build.RuntimeStatus}{(deleted ? ", and it was deleted" : "")}); a kubeconfig is given for a Ready cluster only");
        }

        if (built.Infrastructure.Infrastructure.Provider == InfrastructureProviders.Existing)
        {
            return HttpProblems.Error(StatusCodes.Status409Conflict, $"cluster '{name}' is an existing cluster its profile names; its kubeconfig is the one configured for it, which the app does not hand out");
        }

        try
        {
            using var connection = await infrastructure.ConnectAsync(built.Infrastructure, cancellationToken);
            using var kubeconfig = new MemoryStream();
            await using (var source = connection.OpenKubeconfig())
            {
                await source.CopyToAsync(kubeconfig, cancellationToken);
            }

            logger.LogInformation("Gave the user kubeconfig of cluster {ClusterName} ({Server}) to {Caller}", name, connection.Server, caller.Name);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return Results.File(kubeconfig.ToArray(), "application/yaml", $"kubeconfig-{name}");
        }
        catch (InfrastructureException e)
        {
            return HttpProblems.Error(e.Kind == InfrastructureErrorKind.Permanent ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable, $"Azure Resource Manager: {e.Code}: {e.Message}");
        }
    }
}
