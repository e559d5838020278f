using ClusterFunctions.Functions.Status;
using ClusterFunctions.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Finds the builds terminated since a time that never announced their outcome, with the event each owes. An activity
/// takes the Durable client like a trigger does (the host binds <c>[DurableClient]</c> for any function), so the
/// announcer asks the engine itself instead of a copy of its state.
/// </summary>
public sealed class FindTerminatedBuildsActivity(DurableTaskClient client, IOptions<BuildOptions> options)
{
    [Function(nameof(FindTerminatedBuildsActivity))]
    public Task<TerminatedBuildsResult> RunAsync([ActivityTrigger] FindTerminatedBuildsRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        FindAsync(input, context.CancellationToken);

    public async Task<TerminatedBuildsResult> FindAsync(FindTerminatedBuildsRequest input, CancellationToken cancellationToken = default)
    {
        // The engine's query filters on when an instance was created, not when it ended: terminated builds are listed
        // without their inputs and outputs, and only those terminated since the watch's time are read in full.
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = ClusterBuildScheduler.CreateInstanceId(""),
            // Failed too: a build orchestration fails only outside its own error handling, and then announced nothing.
            Statuses = [OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Failed],
            FetchInputsAndOutputs = false,
        };
        var owed = new List<TerminatedBuild>();
        DateTimeOffset? latest = null;
        await foreach (var listed in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (listed.LastUpdatedAt < input.Since)
            {
                continue;
            }

            latest = latest > listed.LastUpdatedAt ? latest : listed.LastUpdatedAt;
            if (input.Announced.Any(a => a.InstanceId == listed.InstanceId && a.TerminatedAt == listed.LastUpdatedAt))
            {
                continue;
            }

            var build = await client.GetInstanceAsync(listed.InstanceId, getInputsAndOutputs: true, cancellationToken);
            // Read again: the name may have been reused by a new build since it was listed.
            if (build is not null && TerminatedBuilds.EndedAbruptly(build) && TerminatedBuilds.OwedEvent(build) is { } owedEvent)
            {
                owed.Add(new TerminatedBuild(build.InstanceId, build.LastUpdatedAt, owedEvent));
            }
        }

        return new TerminatedBuildsResult(owed, latest, options.Value.TerminatedBuildsPollInterval);
    }
}
