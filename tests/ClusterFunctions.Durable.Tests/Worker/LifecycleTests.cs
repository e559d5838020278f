using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class LifecycleTests
{
    [Fact]
    public async Task ContinueAsNew_CountsToFive_RestartsWithNewInputAndFreshHistory()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1))
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, x) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", x);
                if (next < 5)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var result = await host.RunAsync("Counter", 0);

        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.Equal(4, result.ReadInputAs<int>());
        var history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId);
        Assert.Single(history, e => e.EventType == EventType.ExecutionStarted);
        Assert.Single(history, e => e.EventType == EventType.TaskScheduled);
    }

    [Fact]
    public async Task ContinueAsNew_PreserveUnprocessedEvents_CarriesBufferedEventsToTheNextExecution()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, string>("Loop", async (ctx, generation) =>
            {
                if (generation == 0)
                {
                    await ctx.WaitForExternalEvent<string>("Go");
                    ctx.ContinueAsNew(1);
                    return "first";
                }

                return await ctx.WaitForExternalEvent<string>("Later");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Loop", 0);
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "Later", "kept");
        await host.Client.RaiseEventAsync(id, "Go", "now");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal("kept", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_RunningInstance_IsTerminatedWithOutput()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Forever", (ctx, _) => ctx.WaitForExternalEvent<int>("Never")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever", 0);
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.TerminateInstanceAsync(id, "operator cancelled");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("operator cancelled", done.ReadOutputAs<string>());
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.TerminateInstanceAsync(id, "again"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync(id, "Never", 1));
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_AlsoTerminatesRunningSubOrchestrations()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Child", (ctx, _) => ctx.WaitForExternalEvent<int>("Never"))
            .AddOrchestratorFunc<int, int>("Parent", (ctx, _) =>
                ctx.CallSubOrchestratorAsync<int>("Child", 0, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 0, new ClusterFunctions.Durable.Client.StartOrchestrationOptions("tree"));
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync("tree-child"))?.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the child runs");

        await host.Client.TerminateInstanceAsync(id, new ClusterFunctions.Durable.Client.TerminateInstanceOptions("cancelled by operator", Recursive: true));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var child = await host.Client.WaitForInstanceCompletionAsync("tree-child", true, guard.Token);
        var parent = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, child.RuntimeStatus);
        Assert.Equal("cancelled by operator", child.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsArgumentExceptionNamingTheId()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RaiseEventAsync("nope", "E", 1));

        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("instanceId", ex.ParamName);
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_IsHeldUntilResume()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Waiter", (ctx, _) => ctx.WaitForExternalEvent<int>("Value")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", 0);
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.RaiseEventAsync(id, "Value", 9);
        await TimerAndRetryTests.WaitForHistoryAsync(host, id, EventType.EventRaised);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(9, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task SetCustomStatus_WhileWaiting_IsVisibleToClients()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Reporter", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { Stage = "provisioning", Percent = 40 });
                return await ctx.WaitForExternalEvent<int>("Finish");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reporter", 0);

        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.SerializedCustomStatus is not null, "custom status set");
        var status = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;

        Assert.Equal("""{"stage":"provisioning","percent":40}""", status.SerializedCustomStatus);
        Assert.True(status.IsRunning);
        Assert.False(status.IsCompleted);
    }
}
