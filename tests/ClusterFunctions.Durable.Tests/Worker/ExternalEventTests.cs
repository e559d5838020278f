using ClusterFunctions.Durable.History;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class ExternalEventTests
{
    [Fact]
    public async Task WaitForExternalEvent_EventRaised_ReturnsTypedPayload()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, string>("Approval", async (ctx, _) =>
            {
                var approval = await ctx.WaitForExternalEvent<ApprovalEvent>("Approved");
                return $"{approval.By}:{approval.Level}";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 0);
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "Approved", new ApprovalEvent("ops", 2));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal("ops:2", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventsArriveBeforeTheWait_AreBufferedAndDeliveredInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, string>("Collector", async (ctx, _) =>
            {
                var gate = await ctx.WaitForExternalEvent<string>("Gate");
                var first = await ctx.WaitForExternalEvent<string>("Item");
                var second = await ctx.WaitForExternalEvent<string>("Item");
                return $"{gate}:{first},{second}";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collector", 0);

        await host.Client.RaiseEventAsync(id, "Item", "a");
        await host.Client.RaiseEventAsync(id, "Item", "b");
        await host.Client.RaiseEventAsync(id, "Gate", "open");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal("open:a,b", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutElapses_ThrowsTaskCanceledAfterDurableTimer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(
            b => b.AddOrchestratorFunc<int, string>("Impatient", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromMinutes(5));
                }
                catch (TaskCanceledException ex)
                {
                    return "timeout: " + ex.Message;
                }
            }),
            clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Impatient", 0);
        await TimerAndRetryTests.WaitForHistoryAsync(host, id, EventType.TimerCreated);

        clock.Advance(TimeSpan.FromMinutes(5));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal("timeout: External event 'Reply' was not received within 00:05:00.", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeatsTimeout_ReturnsPayloadAndIgnoresLateTimer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(
            b => b.AddOrchestratorFunc<int, string>("Patient", async (ctx, _) =>
            {
                var reply = await ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromMinutes(5));
                var second = await ctx.WaitForExternalEvent<string>("Again");
                return reply + second;
            }),
            clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Patient", 0);
        await TimerAndRetryTests.WaitForHistoryAsync(host, id, EventType.TimerCreated);

        await host.Client.RaiseEventAsync(id, "Reply", "yes");
        await TimerAndRetryTests.WaitForHistoryAsync(host, id, EventType.EventRaised);
        clock.Advance(TimeSpan.FromMinutes(6));
        await TimerAndRetryTests.WaitForHistoryAsync(host, id, EventType.TimerFired);
        await host.Client.RaiseEventAsync(id, "Again", "!");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal("yes!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_DeliversTheEvent()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Receiver", (ctx, _) => ctx.WaitForExternalEvent<int>("Ping"))
            .AddOrchestratorFunc<string, bool>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "Ping", 7);
                return Task.FromResult(true);
            }));
        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", 0);
        await host.Client.WaitForInstanceStartAsync(receiver);

        await host.RunAsync("Sender", receiver);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(receiver, true, guard.Token);

        Assert.Equal(7, done.ReadOutputAs<int>());
    }

    private sealed record ApprovalEvent(string By, int Level);
}
