using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class WorkerLimitsTests
{
    [Fact]
    public async Task MaxConcurrentActivities_WideFanOut_NeverRunsMoreAtOnce()
    {
        var running = 0;
        var peak = 0;
        await using var host = await DurableTestHost.StartAsync(
            b => b
                .AddActivityFunc<int, int>("Tracked", async (_, x) =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Yield();
                    Interlocked.Decrement(ref running);
                    return x;
                })
                .AddOrchestratorFunc<int, int>("Wide", async (ctx, n) =>
                    (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Tracked", i)))).Sum()),
            worker: o => o.MaxConcurrentActivities = 3);

        var result = await host.RunAsync("Wide", 60);

        Assert.Equal(Enumerable.Range(0, 60).Sum(), result.ReadOutputAs<int>());
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public async Task LockRenewal_ActivityOutlivesItsLease_KeepsTheLeaseSoNoOtherWorkerRunsIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        await using var host = await DurableTestHost.StartAsync(
            b => b
                .AddActivityFunc<int, int>("Long", async (_, x) =>
                {
                    Interlocked.Increment(ref runs);
                    return x + await release.Task;
                })
                .AddOrchestratorFunc<int, int>("Waits", (ctx, x) => ctx.CallActivityAsync<int>("Long", x)),
            clock,
            worker: o => o.LockTimeout = TimeSpan.FromMilliseconds(300));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 1);
        await DurableTestHost.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref runs) == 1), "the activity started");

        // Ten lease lengths pass on the worker's clock; each renewal must land before the lease runs out.
        for (var step = 0; step < 30; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            var now = clock.GetUtcNow().UtcTicks;
            await DurableTestHost.WaitUntilAsync(() => Task.FromResult(TaskLeaseExpiry(host.DatabasePath) >= now + TimeSpan.FromMilliseconds(200).Ticks), "the lease was renewed");
        }

        using (var rival = new SqliteOrchestrationStore(new SqliteStoreOptions { DatabasePath = host.DatabasePath }, clock))
        {
            await rival.InitializeAsync();
            Assert.Empty(await rival.LockNextActivitiesAsync("rival", TimeSpan.FromSeconds(1), 10));
        }

        release.SetResult(41);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(1, runs);
        Assert.Single(await host.Client.GetOrchestrationHistoryAsync(id), e => e.EventType == EventType.TaskCompleted);
    }

    private static long TaskLeaseExpiry(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(LockExpiration), 0) FROM NewTasks";
        return (long)command.ExecuteScalar()!;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
