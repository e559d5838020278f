using ClusterFunctions.Functions.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Announces terminated builds. A terminated orchestration runs no more code, whoever terminated it (the cancel route,
/// the Durable management API, any Durable client), so without this its subscribers would wait for ClusterReady or
/// ClusterFailed forever. One eternal instance: each turn finds the builds terminated since its watermark that never
/// announced an outcome, publishes the event each owes (a ClusterFailed naming the step that was running and who
/// terminated it), then waits on a durable timer and continues as new, so its history stays one turn long.
/// </summary>
public sealed class AnnounceTerminatedBuildsOrchestrator : TaskOrchestrator<TerminationWatch, long>
{
    /// <summary>The one instance: fixed, so starting it again is a no-op while it runs.</summary>
    public const string InstanceId = "announce-terminated-builds";

    [Function(nameof(AnnounceTerminatedBuildsOrchestrator))]
    public static Task<long> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AnnounceTerminatedBuildsOrchestrator().RunAsync(context, context.GetInput<TerminationWatch>()
            ?? throw new InvalidOperationException("the announcer needs its TerminationWatch"));

    public override async Task<long> RunAsync(TaskOrchestrationContext context, TerminationWatch input)
    {
        var logger = context.CreateReplaySafeLogger<AnnounceTerminatedBuildsOrchestrator>();
        var next = input with { Turn = input.Turn + 1 };
        try
        {
            var found = await context.CallActivityAsync<TerminatedBuildsResult>(nameof(FindTerminatedBuildsActivity), new FindTerminatedBuildsRequest(input.Since, input.Announced));
            var announced = new List<AnnouncedTermination>();
            foreach (var build in found.Owed)
            {
                try
                {
                    await context.CallActivityAsync<string>(nameof(PublishClusterEventActivity), build.Event);
                    announced.Add(new AnnouncedTermination(build.InstanceId, build.TerminatedAt));
                    logger.LogWarning("Build {InstanceId} was terminated without announcing its outcome; published {EventType} for it", build.InstanceId, build.Event.EventType);
                }
                catch (TaskFailedException e)
                {
                    logger.LogWarning("Announcing terminated build {InstanceId} failed, the next turn tries again: {Error}", build.InstanceId, e.FailureDetails.ErrorMessage);
                }
            }

            next = input.After(found, announced);
        }
        catch (TaskFailedException e)
        {
            // The watch stays where it was: the next turn looks at the same builds again.
            logger.LogWarning("Looking for terminated builds failed, the next turn tries again: {Error}", e.FailureDetails.ErrorMessage);
        }

        await context.CreateTimer(next.PollInterval, CancellationToken.None);
        context.ContinueAsNew(next);
        return next.Turn;
    }
}
