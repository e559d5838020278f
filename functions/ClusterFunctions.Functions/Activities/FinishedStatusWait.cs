using ClusterFunctions.Functions.Orchestrators;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Holds a completion event until its operation's stored custom status says it finished, so a subscriber that reads
/// GET /api/clusters/NAME on the event finds what the event announces. The engine sends a checkpoint's messages before
/// it stores the checkpoint's status, so the event's activity can start first (seen in CI: ClusterReady received, the
/// status still Building). One status read here is cheaper than what the orchestrator could do instead: a durable timer
/// before the activity costs a delayed queue message and one more orchestration turn on every build.
/// </summary>
public sealed class FinishedStatusWait(DurableTaskClient client, TimeProvider time, ILogger<FinishedStatusWait> logger)
{
    /// <summary>How long the event waits at most: then it goes out anyway, since a late status is better than no event.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>Waits until <paramref name="instanceId"/>'s stored status is finished for <paramref name="requestId"/>; false if it never was.</summary>
    public async Task<bool> WaitAsync(string instanceId, string requestId, CancellationToken cancellationToken)
    {
        var finished = await InActivityWait.ReadAsync(_ => IsFinishedAsync(instanceId, requestId, cancellationToken), done => done, Longest, PauseAfter, time, cancellationToken);
        if (!finished)
        {
            logger.LogWarning("The stored status of {InstanceId} did not say it finished within {Seconds} s; its completion event goes out anyway", instanceId, Longest.TotalSeconds);
        }

        return finished;
    }

    /// <summary>10 ms, doubling to 1 s: the status is usually stored within milliseconds of the message that started this.</summary>
    private static TimeSpan PauseAfter(int reads) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(reads - 1, 16)));

    private async Task<bool> IsFinishedAsync(string instanceId, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            // The request too: a name's create instance is reused by its next build, whose status starts unfinished.
            return instance?.ReadCustomStatusAs<ClusterBuildStatus>() is { Finished: true } status && status.RequestId == requestId;
        }
        catch (Grpc.Core.RpcException)
        {
            // The host could not answer now (its storage restarting): read again after the pause.
            return false;
        }
    }
}
