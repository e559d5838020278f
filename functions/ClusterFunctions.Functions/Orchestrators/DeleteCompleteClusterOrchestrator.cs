using Microsoft.Azure.Functions.Worker;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using Microsoft.DurableTask;
using ClusterFunctions.Functions.Activities;

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
}
