using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Functions.Tests;

public class FinishedStatusWaitTests
{
    [Fact]
    public async Task Wait_ReadsUntilTheStoredStatusIsFinishedForThisRequest()
    {
        // Not stored yet, then this build still running, then the name's previous build finished, then this one.
        OrchestrationMetadata?[] answers = [null, Stored("r2", finished: false), Stored("r1", finished: true), Stored("r2", finished: true)];
        var client = new InstanceReadingClient(_ => answers[Math.Min(answers.Length - 1, reads++)]);
        var clock = new SteppedClock();

        bool finished = await clock.RunAsync(new FinishedStatusWait(client, clock, NullLogger<FinishedStatusWait>.Instance).WaitAsync("cluster-c1", "r2", CancellationToken.None));

        Assert.True(finished);
        Assert.Equal(4, client.Reads);
    }

    [Fact]
    public async Task Wait_HostCannotAnswerForAWhile_ReadsAgain()
    {
        var client = new InstanceReadingClient(_ => reads++ < 2 ? throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "storage restarting")) : Stored("r1", finished: true));
        var clock = new SteppedClock();

        bool finished = await clock.RunAsync(new FinishedStatusWait(client, clock, NullLogger<FinishedStatusWait>.Instance).WaitAsync("cluster-c1", "r1", CancellationToken.None));

        Assert.True(finished);
        Assert.Equal(3, client.Reads);
    }

    [Fact]
    public async Task Wait_StatusNeverFinished_GivesUpAfterTheLongestWait()
    {
        var client = new InstanceReadingClient(_ => Stored("r1", finished: false));
        var clock = new SteppedClock();
        var started = clock.GetUtcNow();

        bool finished = await clock.RunAsync(new FinishedStatusWait(client, clock, NullLogger<FinishedStatusWait>.Instance).WaitAsync("cluster-c1", "r1", CancellationToken.None));

        Assert.False(finished);
        // Pauses of 10 ms doubling to 1 s: quick while the status is usually stored, then no more than one read a second.
        Assert.InRange(clock.GetUtcNow() - started, FinishedStatusWait.Longest - TimeSpan.FromSeconds(1), FinishedStatusWait.Longest);
        Assert.InRange(client.Reads, 30, 40);
    }

    private int reads;

    private static OrchestrationMetadata Stored(string requestId, bool finished) => new("CreateCompleteClusterOrchestrator", "cluster-c1")
    {
        DataConverter = JsonDataConverter.Default,
        SerializedCustomStatus = JsonDataConverter.Default.Serialize(new ClusterBuildStatus("create", "c1", requestId, "developer", "1", [], new Dictionary<string, string>(), null, finished)),
    };
}
