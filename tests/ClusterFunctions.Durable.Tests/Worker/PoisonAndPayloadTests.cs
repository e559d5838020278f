using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Sqlite;
using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class PoisonAndPayloadTests
{
    [Fact]
    public async Task Dispatch_OrchestratorThatCannotBeCreated_FailsAfterDequeueLimitWithLastError()
    {
        await using var host = await DurableTestHost.StartAsync(
            b => b.Registry.AddOrchestrator("Broken", _ => throw new InvalidOperationException("configuration section 'Arm' is missing")),
            worker: o => o.MaxDequeueCount = 3);

        var result = await host.RunAsync("Broken", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("PoisonMessage", result.FailureDetails!.ErrorType);
        Assert.Contains("dequeued 4 times without completing (limit DurableTaskWorkerOptions.MaxDequeueCount = 3)", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("configuration section 'Arm' is missing", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_ActivityThatCannotBeCreated_FailsTaskAfterDequeueLimit()
    {
        await using var host = await DurableTestHost.StartAsync(
            b =>
            {
                b.Registry.AddActivity("BrokenActivity", _ => throw new InvalidOperationException("no credentials"));
                b.AddOrchestratorFunc<int, string>("CallsBroken", async (ctx, _) =>
                {
                    try
                    {
                        await ctx.CallActivityAsync("BrokenActivity");
                        return "ok";
                    }
                    catch (TaskFailedException ex)
                    {
                        return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                    }
                });
            },
            worker: o => o.MaxDequeueCount = 2);

        var result = await host.RunAsync("CallsBroken", 0);

        var output = result.ReadOutputAs<string>()!;
        Assert.StartsWith("PoisonMessage: Activity 'BrokenActivity' (#0)", output, StringComparison.Ordinal);
        Assert.Contains("no credentials", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_WorkersKeepDyingOnAMessage_OrchestrationFailsInsteadOfLoopingForever()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var path = DurableTestHost.NewDatabasePath();
        using (var store = new SqliteOrchestrationStore(new SqliteStoreOptions { DatabasePath = path }, clock))
        {
            await store.InitializeAsync();
            var started = new HistoryEvent { EventType = EventType.ExecutionStarted, Name = "Fragile", ExecutionId = "e1", Timestamp = clock.GetUtcNow().UtcDateTime };
            await store.CreateInstanceAsync(new NewOrchestrationInstance("fragile-1", started, clock.GetUtcNow().UtcDateTime), []);
            for (var crash = 0; crash < 4; crash++)
            {
                // Each "worker" leases the instance and dies without completing or abandoning it.
                Assert.NotNull(await store.LockNextOrchestrationAsync($"doomed-{crash}", TimeSpan.FromSeconds(10), 10));
                clock.Advance(TimeSpan.FromSeconds(11));
            }
        }

        await using var host = await DurableTestHost.StartAsync(
            b => b.AddOrchestratorFunc<int, int>("Fragile", (_, x) => Task.FromResult(x)), clock, path, o => o.MaxDequeueCount = 3, ownsDatabase: true);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync("fragile-1", true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("none recorded; the worker processing it stopped (crash or kill)", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_InputOverLimit_ThrowsPayloadTooLargeNamingTheLimit()
    {
        await using var small = await DurableTestHost.StartAsync(b => b.Configure(o => o.MaxPayloadBytes = 1000));

        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => small.Client.ScheduleNewOrchestrationInstanceAsync("Any", new string('x', 2000)));

        Assert.Contains("input of orchestration 'Any'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 1,000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2002, ex.ActualBytes);
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => small.Client.RaiseEventAsync("x", "E", new string('y', 2000)));
    }

    [Fact]
    public async Task CallActivityAsync_PayloadsOverLimit_FailTheTaskWithClearErrors()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .Configure(o => o.MaxPayloadBytes = 1000)
            .AddActivityFunc<int, string>("Huge", (_, n) => Task.FromResult(new string('z', n)))
            .AddOrchestratorFunc<int, string>("Sizes", async (ctx, _) =>
            {
                var results = new List<string>();
                try
                {
                    await ctx.CallActivityAsync<string>("Huge", 5000);
                }
                catch (TaskFailedException ex)
                {
                    results.Add(ex.FailureDetails.ErrorType);
                }

                try
                {
                    await ctx.CallActivityAsync<string>("Huge", new string('q', 5000));
                }
                catch (PayloadTooLargeException ex)
                {
                    results.Add(ex.Message[..40]);
                }

                return string.Join("|", results);
            }));

        var result = await host.RunAsync("Sizes", 0);

        Assert.Equal($"{typeof(PayloadTooLargeException).FullName}|The input of activity 'Huge' is 5,002 by", result.ReadOutputAs<string>());
    }
}
