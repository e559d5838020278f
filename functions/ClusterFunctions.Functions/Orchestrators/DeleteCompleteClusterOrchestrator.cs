using Microsoft.Azure.Functions.Worker;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using Microsoft.DurableTask;
using ClusterFunctions.Functions.Activities;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Deletes a complete cluster: an AKS cluster is deleted whole (and polled until gone); on an existing
/// cluster every object the product applied is removed instead. Ends with a ClusterDeleted event.
/// </summary>
public sealed class DeleteCompleteClusterOrchestrator : TaskOrchestrator<DeleteClusterInput, ClusterBuildResult>
{
    [Function(nameof(DeleteCompleteClusterOrchestrator))]
    public static Task<ClusterBuildResult> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DeleteCompleteClusterOrchestrator().RunAsync(context, context.GetInput<DeleteClusterInput>()
            ?? throw new InvalidOperationException("a delete needs its DeleteClusterInput"));

    public override async Task<ClusterBuildResult> RunAsync(TaskOrchestrationContext context, DeleteClusterInput input)
    {
        var request = input.Request;
        var progress = new BuildProgress(context, "delete", request.ClusterName, request.RequestId, request.Profile) { Reason = input.Reason };
        try
        {
            var plan = await progress.RunAsync(StepNames.Plan, () => context.CallActivityAsync<ClusterPlan>(nameof(RenderPlanActivity), new RenderPlanRequest("delete", context.InstanceId, request, input.Signature)));
            progress.ProfileVersion = plan.ProfileVersion;
            var infrastructure = new InfrastructureRequest(request.RequestId, plan.Infrastructure);
            var steps = new ClusterSteps(context, input.Timings, infrastructure, progress);
            if (plan.Infrastructure.Provider == InfrastructureProviders.Existing)
            {
                await progress.RunAsync(StepNames.RemoveObjects, () => steps.RemoveObjectsAsync(plan));
            }
            else
            {
                await progress.RunAsync(StepNames.DeleteInfrastructure, steps.DeleteAsync);
            }

            await ForgetAsync(context, request.ClusterName, request.RequestId);
            progress.Finish();
            await progress.EmitAsync(ClusterEventTypes.Deleted);
            return new ClusterBuildResult(request.ClusterName, request.RequestId, plan.Profile, plan.ProfileVersion, infrastructure, progress.Steps, progress.Endpoints);
        }
        catch (StepFailedException failure)
        {
            progress.Fail(failure.Step, failure.Cause, []);
            progress.Finish();
            await progress.EmitAsync(ClusterEventTypes.Failed);
            throw;
        }
    }

    /// <summary>
    /// Drops the cluster's record. The cluster is gone whatever happens here, so a record that cannot be removed is
    /// logged rather than failing the delete; reconcile and upgrades skip a record whose cluster has been deleted.
    /// </summary>
    private static async Task ForgetAsync(TaskOrchestrationContext context, string clusterName, string requestId)
    {
        try
        {
            await context.CallActivityAsync(nameof(ForgetClusterActivity), new ForgetClusterRequest(clusterName, requestId),
                TaskOptions.FromRetryPolicy(new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(1))));
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger<DeleteCompleteClusterOrchestrator>().LogError("Cluster {ClusterName} is deleted but its record stays: {Error}", clusterName, e.FailureDetails.ErrorMessage);
        }
    }
}
