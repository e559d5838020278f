using ClusterFunctions.Durable.History;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class ReplayTests
{
    [Fact]
    public async Task Replay_AfterWorkerRestart_ResumesFromHistoryWithoutRerunningCompletedActivities()
    {
        var path = DurableTestHost.NewDatabasePath();
        var activityRuns = 0;
        var replayedSteps = 0;
        var marker = $"step-one-{Guid.NewGuid():N}";
        void Register(ClusterFunctions.Durable.DependencyInjection.DurableTaskBuilder b) => b
            .AddActivityFunc<int, int>("Count", (_, x) => Task.FromResult(x + Interlocked.Increment(ref activityRuns) * 0 + 1))
            .AddOrchestratorFunc<int, string>("Resumable", async (ctx, x) =>
            {
                var before = ctx.NewGuid();
                ctx.SetCustomStatus(before);
                var one = await ctx.CallActivityAsync<int>("Count", x);
                ctx.CreateReplaySafeLogger("Resumable").LogInformation("{Marker}", marker);
                if (ctx.IsReplaying)
                {
                    Interlocked.Increment(ref replayedSteps);
                }

                var extra = await ctx.WaitForExternalEvent<int>("More");
                var after = ctx.NewGuid();
                return $"{before}|{one + extra}|{after != before}";
            });

        string id;
        Guid firstGuid;
        await using (var first = await DurableTestHost.StartAsync(Register, databasePath: path))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Resumable", 1);
            await TimerAndRetryTests.WaitForHistoryAsync(first, id, EventType.TaskCompleted);
            await DurableTestHost.WaitUntilAsync(
                async () => (await first.Client.GetOrchestrationHistoryAsync(id)).Count(e => e.EventType == EventType.OrchestratorCompleted) >= 2,
                "the activity result is checkpointed");
            firstGuid = (await first.Client.GetInstanceAsync(id, true))!.ReadCustomStatusAs<Guid>();
        }

        await using var second = await DurableTestHost.StartAsync(Register, databasePath: path, ownsDatabase: true);
        await second.Client.RaiseEventAsync(id, "More", 10);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await second.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal($"{firstGuid}|12|True", done.ReadOutputAs<string>());
        Assert.Equal(1, activityRuns);
        Assert.Equal(1, replayedSteps);
        Assert.Single(TestLog.Lines, l => l.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_OrchestratorCodeChanged_FailsAsNonDeterministicNamingTaskAndSequence()
    {
        var path = DurableTestHost.NewDatabasePath();
        string id;
        await using (var v1 = await DurableTestHost.StartAsync(
            b => b.AddActivityFunc<int, int>("ReserveQuota", (_, x) => Task.FromResult(x))
                .AddOrchestratorFunc<int, int>("Deploy", async (ctx, x) =>
                {
                    await ctx.CallActivityAsync<int>("ReserveQuota", x);
                    return await ctx.WaitForExternalEvent<int>("Continue");
                }),
            databasePath: path))
        {
            id = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Deploy", 1);
            await TimerAndRetryTests.WaitForHistoryAsync(v1, id, EventType.TaskCompleted);
            await DurableTestHost.WaitUntilAsync(
                async () => (await v1.Client.GetOrchestrationHistoryAsync(id)).Count(e => e.EventType == EventType.OrchestratorCompleted) >= 2,
                "the activity result is checkpointed");
        }

        await using var v2 = await DurableTestHost.StartAsync(
            b => b.AddActivityFunc<int, int>("CreateCluster", (_, x) => Task.FromResult(x))
                .AddOrchestratorFunc<int, int>("Deploy", async (ctx, x) =>
                {
                    await ctx.CallActivityAsync<int>("CreateCluster", x);
                    return await ctx.WaitForExternalEvent<int>("Continue");
                }),
            databasePath: path,
            ownsDatabase: true);
        await v2.Client.RaiseEventAsync(id, "Continue", 2);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await v2.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("an activity task 'ReserveQuota' with sequence ID 0", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("an activity task 'CreateCluster'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedExecutor_LongSequentialChain_NeverReplaysHistory()
    {
        var replayingObservations = 0;
        var bodyStarts = 0;
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1))
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
            {
                Interlocked.Increment(ref bodyStarts);
                for (var i = 0; i < 20; i++)
                {
                    if (ctx.IsReplaying)
                    {
                        Interlocked.Increment(ref replayingObservations);
                    }

                    x = await ctx.CallActivityAsync<int>("Inc", x);
                }

                return x;
            }));

        var result = await host.RunAsync("Chain", 0);

        Assert.Equal(20, result.ReadOutputAs<int>());
        Assert.Equal(1, bodyStarts);
        Assert.Equal(0, replayingObservations);
    }

    [Fact]
    public async Task NewGuid_SameNameInputs_IsDeterministicVersion5()
    {
        var a = ClusterFunctions.Durable.Worker.DeterministicGuid.Create("i_2030-01-01T00:00:00.0000000Z_0");
        var b = ClusterFunctions.Durable.Worker.DeterministicGuid.Create("i_2030-01-01T00:00:00.0000000Z_0");
        var c = ClusterFunctions.Durable.Worker.DeterministicGuid.Create("i_2030-01-01T00:00:00.0000000Z_1");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal('5', a.ToString()[14]);
        Assert.Contains(a.ToString()[19], "89ab");
        await Task.CompletedTask;
    }
}
