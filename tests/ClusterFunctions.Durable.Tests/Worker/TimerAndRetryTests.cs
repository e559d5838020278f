using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class TimerAndRetryTests
{
    [Fact]
    public async Task CreateTimer_FakeClock_FiresOnlyOnceTheClockPassesFireAt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(
            b => b.AddOrchestratorFunc<int, DateTime>("Sleeper", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }),
            clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 0);
        await WaitForHistoryAsync(host, id, EventType.TimerCreated);

        clock.Advance(TimeSpan.FromMinutes(59));
        using (var probe = new SqliteOrchestrationStore(new SqliteStoreOptions { DatabasePath = host.DatabasePath }, clock))
        {
            await probe.InitializeAsync();
            Assert.Null(await probe.LockNextOrchestrationAsync("probe", TimeSpan.FromSeconds(5), 10));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        clock.Advance(TimeSpan.FromMinutes(2));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= new DateTime(2030, 1, 1, 1, 0, 0, DateTimeKind.Utc));
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        var created = history.Single(e => e.EventType == EventType.TimerCreated);
        Assert.Equal(new DateTime(2030, 1, 1, 1, 0, 0, DateTimeKind.Utc), created.FireAt);
        Assert.Equal(created.EventId, history.Single(e => e.EventType == EventType.TimerFired).TaskScheduledId);
    }

    [Fact]
    public async Task CallActivityAsync_RetryPolicy_RetriesWithExponentialBackoffTimers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(
            b => b
                .AddActivityFunc<int, int>("Flaky", (_, x) =>
                    Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("ARM throttled") : Task.FromResult(x + 1))
                .AddOrchestratorFunc<int, int>("Retrying", (ctx, x) =>
                    ctx.CallActivityAsync<int>("Flaky", x, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), 2.0)))),
            clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 41);

        await WaitForHistoryAsync(host, id, EventType.TimerCreated, count: 1);
        clock.Advance(TimeSpan.FromSeconds(10));
        await WaitForHistoryAsync(host, id, EventType.TimerCreated, count: 2);
        clock.Advance(TimeSpan.FromSeconds(20));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(3, attempts);
        var timers = (await host.Client.GetOrchestrationHistoryAsync(id)).Where(e => e.EventType == EventType.TimerCreated).ToList();
        var start = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal([start.AddSeconds(10), start.AddSeconds(30)], timers.Select(t => t.FireAt!.Value));
    }

    [Fact]
    public async Task CallActivityAsync_RetryPolicyExhausted_FailsAfterMaxAttempts()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("AlwaysFails", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("still broken");
            })
            .AddOrchestratorFunc<int, int>("GivesUp", (ctx, x) =>
                ctx.CallActivityAsync<int>("AlwaysFails", x, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(1))))));

        var result = await host.RunAsync("GivesUp", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(3, attempts);
        Assert.Contains("still broken", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivityAsync_RetryPolicyHandleFailureFalse_DoesNotRetry()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Rejects", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new ArgumentException("invalid request");
            })
            .AddOrchestratorFunc<int, int>("Selective", (ctx, x) => ctx.CallActivityAsync<int>(
                "Rejects",
                x,
                TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(1)) { HandleFailure = f => !f.IsCausedBy<ArgumentException>() }))));

        var result = await host.RunAsync("Selective", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(0, 1, 1.0, "maxNumberOfAttempts")]
    [InlineData(1, 0, 1.0, "firstRetryInterval")]
    [InlineData(1, 1, 0.5, "backoffCoefficient")]
    public void RetryPolicy_InvalidArgument_ThrowsNamingTheParameter(int attempts, int firstSeconds, double backoff, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(attempts, TimeSpan.FromSeconds(firstSeconds), backoff));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void RetryPolicy_GetDelay_GrowsByCoefficientAndIsCappedAtMaxInterval()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 3.0, TimeSpan.FromSeconds(20));

        Assert.Equal([1, 3, 9, 20, 20], Enumerable.Range(1, 5).Select(a => policy.GetDelay(a).TotalSeconds));
    }

    internal static async Task WaitForHistoryAsync(DurableTestHost host, string id, EventType type, int count = 1) =>
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetOrchestrationHistoryAsync(id)).Count(e => e.EventType == type) >= count,
            $"{id} has {count} {type} events");
}
