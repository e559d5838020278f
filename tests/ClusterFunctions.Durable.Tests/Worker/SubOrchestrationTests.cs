namespace ClusterFunctions.Durable.Tests.Worker;

public sealed class SubOrchestrationTests
{
    [Fact]
    public async Task CallSubOrchestratorAsync_ChildrenComplete_ParentAggregatesOutputs()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1))
            .AddOrchestratorFunc<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Inc", x))
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
            {
                var children = Enumerable.Range(0, n).Select(i => ctx.CallSubOrchestratorAsync<int>("Child", i * 10));
                return (await Task.WhenAll(children)).Sum();
            }));

        var result = await host.RunAsync("Parent", 4);

        Assert.Equal(0 + 10 + 20 + 30 + 4, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ExplicitInstanceId_ChildRunsUnderThatIdWithParentSet()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, string>("Child", (ctx, _) => Task.FromResult($"{ctx.InstanceId}<-{ctx.Parent!.InstanceId}:{ctx.Parent.Name}"))
            .AddOrchestratorFunc<int, string>("Parent", (ctx, _) =>
                ctx.CallSubOrchestratorAsync<string>("Child", 0, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"))));

        var result = await host.RunAsync("Parent", 0, "p1");

        Assert.Equal("p1-child<-p1:Parent", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("p1-child");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentSeesTaskFailedException()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Child", (_, _) => throw new InvalidOperationException("child broke"))
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", 0);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}:{ex.FailureDetails.ErrorMessage}";
                }
            }));

        var result = await host.RunAsync("Parent", 0);

        Assert.Equal("Child:child broke", result.ReadOutputAs<string>());
    }
}
