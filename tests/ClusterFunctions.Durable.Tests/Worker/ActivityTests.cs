using Microsoft.Extensions.DependencyInjection;

namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class ActivityTests
{
    [Fact]
    public async Task CallActivityAsync_SequentialChain_CompletesWithEachResultFedToTheNext()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2))
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    x = await ctx.CallActivityAsync<int>("Double", x);
                }

                return x;
            }));

        var result = await host.RunAsync("Chain", 3);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(96, result.ReadOutputAs<int>());
        Assert.Equal(3, result.ReadInputAs<int>());
    }

    [Fact]
    public async Task CallActivityAsync_FanOutFanIn_AggregatesEveryResult()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Square", (_, x) => Task.FromResult(x * x))
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            }));

        var result = await host.RunAsync("FanOut", 100);

        Assert.Equal(Enumerable.Range(1, 100).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorCatchesTaskFailedExceptionWithDetails()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<string, string>("Explode", (_, _) => throw new InvalidOperationException("quota exceeded"))
            .AddOrchestratorFunc<string, string>("Catcher", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Explode", "x");
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.TaskId}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.IsCausedBy<InvalidOperationException>()}";
                }
            }));

        var result = await host.RunAsync("Catcher", "x");

        Assert.Equal("Explode|0|System.InvalidOperationException|quota exceeded|True", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RunAsync_UnhandledActivityFailure_FailsOrchestrationWithFailureDetails()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Explode", (_, _) => throw new ArgumentException("bad size"))
            .AddOrchestratorFunc<int, int>("Propagate", (ctx, x) => ctx.CallActivityAsync<int>("Explode", x)));

        var result = await host.RunAsync("Propagate", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("bad size", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(ArgumentException).FullName, result.FailureDetails.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task CallActivityAsync_UnregisteredActivity_FailsTaskWithReadableReason()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, string>("CallsMissing", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync("DoesNotExist");
                    return "ok";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var result = await host.RunAsync("CallsMissing", 0);

        Assert.Equal("No activity named 'DoesNotExist' is registered with this worker.", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task AddActivity_ClassWithInjectedService_ResolvesFromDependencyInjection()
    {
        await using var host = await DurableTestHost.StartAsync(
            b => b.AddActivity<GreetActivity>().AddOrchestrator<GreetOrchestrator>(),
            services: s => s.AddSingleton(new Greeting("Hello")));

        var result = await host.RunAsync(nameof(GreetOrchestrator), "Ada");

        Assert.Equal("Hello, Ada (from GreetActivity for " + result.InstanceId + ")", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnregisteredOrchestrator_FailsWithReadableReason()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        var result = await host.RunAsync("Nobody", null);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("No orchestrator named 'Nobody' is registered with this worker.", result.FailureDetails!.ErrorMessage);
    }
}
