using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Stops a running build for a person: the caller must be allowed to act on the cluster as for a delete (its requester,
/// or a caller who may request its profile). The build is terminated with a reason naming the caller; its ClusterFailed
/// comes from the announcer of terminated builds, as for any termination.
/// </summary>
public sealed class BuildCancellations(DurableTaskClient client, ClusterAccess access, TerminatedBuildsAnnouncer announcer)
{
    public async Task<(CancelOutcome Outcome, string Message)> CancelAsync(string clusterName, string? reason, Caller caller, CancellationToken cancellationToken = default)
    {
        var build = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (build?.ReadInputAs<CreateClusterInput>() is not { } input)
        {
            return (CancelOutcome.NotFound, $"no cluster named '{(clusterName.Length > 64 ? clusterName[..64] : clusterName)}'");
        }

        if (access.Refusal(input.Request, caller, "cancel") is { } refusal)
        {
            return (CancelOutcome.Forbidden, refusal);
        }

        // A build that announced its outcome is done, even before its last checkpoint.
        var running = build.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
        var finished = build.ReadCustomStatusAs<ClusterBuildStatus>()?.Finished == true;
        if (!running || finished)
        {
            var ended = finished ? "announced its outcome" : build.RuntimeStatus.ToString().ToLowerInvariant();
            return (CancelOutcome.NotRunning, $"cluster '{clusterName}' is not being built: its build has {ended}; nothing to cancel");
        }

        var terminatedBy = BuildTermination.ByCaller(caller.Name, reason);
        await announcer.EnsureRunningAsync(cancellationToken);
        await client.TerminateInstanceAsync(build.InstanceId, terminatedBy, cancellationToken);
        return (CancelOutcome.Accepted, terminatedBy);
    }
}
