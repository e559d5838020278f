using ClusterFunctions.Durable.Client;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class ContextOverloadTests
{
    [Fact]
    public async Task Overloads_OptionsOnlyAndUntypedCalls_ScheduleTheSameDurableWork()
    {
        var untypedRuns = 0;
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Seven", (_, _) => Task.FromResult(7))
            .AddActivityFunc<int, int>("Count", (_, _) => Task.FromResult(Interlocked.Increment(ref untypedRuns)))
            .AddOrchestratorFunc<int, int>("Child", (ctx, x) => Task.FromResult(x + 100))
            .AddOrchestratorFunc<int, string>("Overloads", async (ctx, _) =>
            {
                var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(1)));
                var seven = await ctx.CallActivityAsync<int>("Seven", retry);
                await ctx.CallActivityAsync("Count", retry);
                await ctx.CallActivityAsync("Count");
                var child = await ctx.CallSubOrchestratorAsync<int>("Child", 1, retry.WithInstanceId(ctx.InstanceId + ":child"));
                await ctx.CallSubOrchestratorAsync("Child", new SubOrchestrationOptions(instanceId: ctx.InstanceId + ":child2"));
                ctx.CreateReplaySafeLogger<ContextOverloadTests>().LogInformation("overloads ran");
                ctx.CreateReplaySafeLogger(typeof(ContextOverloadTests)).LogInformation("overloads ran");
                return $"{seven}|{child}|{ctx.GetInput<int>()}|{ctx.Name}";
            }));

        var result = await host.RunAsync("Overloads", 5, "ov");

        Assert.Equal("7|101|5|Overloads", result.ReadOutputAs<string>());
        Assert.Equal(2, untypedRuns);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("ov:child2"))!.RuntimeStatus);
    }

    [Fact]
    public async Task WaitForExternalEvent_CancellationTokenCancelled_ThrowsTaskCanceledAndStopsWaiting()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, string>("Cancels", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var waiting = ctx.WaitForExternalEvent<int>("Never", cts.Token);
                cts.Cancel();
                try
                {
                    await waiting;
                    return "received";
                }
                catch (TaskCanceledException)
                {
                    return "cancelled";
                }
            }));

        var result = await host.RunAsync("Cancels", 0);

        Assert.Equal("cancelled", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildIdAlreadyRunning_FailsTheTaskInsteadOfHijacking()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Busy", (ctx, _) => ctx.WaitForExternalEvent<int>("Go"))
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Busy", 0, new SubOrchestrationOptions(instanceId: "busy-1"));
                    return "started";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType;
                }
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Busy", 0, new StartOrchestrationOptions("busy-1"));
        await host.Client.WaitForInstanceStartAsync("busy-1");

        var result = await host.RunAsync("Parent", 0);

        Assert.Equal(typeof(OrchestrationAlreadyExistsException).FullName, result.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("busy-1"))!.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateInstanceAsync_WithOptions_RecordsTheOutputObject()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Waits", (ctx, _) => ctx.WaitForExternalEvent<int>("Go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions(new { Reason = "quota", Code = 7 }));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal("""{"reason":"quota","code":7}""", done.SerializedOutput);
    }
}
