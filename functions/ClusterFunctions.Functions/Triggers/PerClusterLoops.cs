using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Starts a loop that belongs to one build of a cluster (its expiry lease, its reconcile loop: one instance per cluster
/// name), replacing the loop an earlier cluster of the same name left running, and leaving this build's alone.
/// </summary>
public static class PerClusterLoops
{
    public static async Task StartAsync<TInput>(DurableTaskClient client, string orchestrator, string instanceId, string requestId,
        Func<TInput, string> requestIdOf, Func<Task<TInput>> input, CancellationToken cancellationToken = default)
        where TInput : class
    {
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (existing is { IsRunning: true })
        {
            if (existing.ReadInputAs<TInput>() is { } running && requestIdOf(running) == requestId)
            {
                return;
            }

            await client.TerminateInstanceAsync(instanceId, $"replaced by the loop of request '{requestId}'", cancellationToken);
            await client.WaitForInstanceCompletionAsync(instanceId, cancellationToken);
        }

        try
        {
            var start = new StartOrchestrationOptions(instanceId) { DedupeStatuses = ["Pending", "Running", "Suspended"] };
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, await input(), start, cancellationToken);
        }
        catch (Exception e) when (InstanceConflicts.AlreadyExists(e))
        {
            // A retry of the starting activity started it already.
        }
    }
}
