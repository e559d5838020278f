using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Deletes an expired cluster through the scheduler's delete, so the ordered teardown and ClusterDeleted are those of <c>./cluster delete</c>.</summary>
public sealed class ExpireClusterActivity(ClusterBuildScheduler scheduler)
{
    [Function(nameof(ExpireClusterActivity))]
    public async Task<string> RunAsync([ActivityTrigger] ExpiryLease input, [DurableClient] DurableTaskClient durableClient, FunctionContext context)
    {
        var result = await scheduler.ExpireAsync(input.ClusterName, input.RequestId, context.CancellationToken);
        return result.Outcome switch
        {
            ScheduleOutcome.Started => $"deleting ({result.InstanceId})",
            ScheduleOutcome.AlreadyExists => $"already deleted or being deleted ({result.InstanceId})",
            _ => $"nothing to delete: {result.Problems.FirstOrDefault()?.Message ?? result.Message}",
        };
    }
}
