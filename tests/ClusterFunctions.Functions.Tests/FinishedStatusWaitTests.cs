using ClusterFunctions.Functions.Activities;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Functions.Tests;

public class FinishedStatusWaitTests
{
    private int reads;

    [Fact]
    public async Task Wait_ReadsUntilTheStoredStatusIsFinishedForThisRequest()
    {
        // Not stored yet, then this build still running, then the name's previous build finished, then this one.
        OrchestrationMetadata?[] answers = [null, StoredBuildStatus.Of("r2", finished: false), StoredBuildStatus.Of("r1", finished: true), StoredBuildStatus.Of("r2", finished: true)];
        var client = new InstanceReadingClient(_ => answers[Math.Min(answers.Length - 1, reads++)]);
        var clock = new SteppedClock();

        bool finished = await clock.RunAsync(new FinishedStatusWait(client, clock, NullLogger<FinishedStatusWait>.Instance).WaitAsync(StoredBuildStatus.InstanceId, "r2", CancellationToken.None));

        Assert.True(finished);
        Assert.Equal(4, client.Reads);
    }

    [Fact]
    public async Task Wait_HostCannotAnswerForAWhile_ReadsAgain()
    {
        var client = new InstanceReadingClient(_ => reads++ < 2 ? throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "storage restarting")) : StoredBuildStatus.Of("r1", finished: true));
        var clock = new SteppedClock();

        bool finished = await clock.RunAsync(new FinishedStatusWait(client, clock, NullLogger<FinishedStatusWait>.Instance).WaitAsync(StoredBuildStatus.InstanceId, "r1", CancellationToken.None));

        Assert.True(finished);
        Assert.Equal(3, client.Reads);
    }

    [Fact]
    public async Task Wait_StatusNeverFinished_GivesUpAfterTheLongestWait()
    {
        var client = new InstanceReadingClient(_ => StoredBuildStatus.Of("r1", finished: false));
        var clock = new SteppedClock();
        var started = clock.GetUtcNow();

        bool finished = await clock.RunAsync(new FinishedStatusWait(client, clock, NullLogger<FinishedStatusWait>.Instance).WaitAsync(StoredBuildStatus.InstanceId, "r1", CancellationToken.None));

        Assert.False(finished);
        // Pauses of 10 ms doubling to 1 s: quick while the status is usually stored, then no more than one read a second.
        Assert.InRange(clock.GetUtcNow() - started, FinishedStatusWait.Longest - TimeSpan.FromSeconds(1), FinishedStatusWait.Longest);
        Assert.InRange(client.Reads, 30, 40);
    }
}
