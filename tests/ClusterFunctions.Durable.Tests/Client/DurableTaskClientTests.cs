using ClusterFunctions.Durable.Client;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests.Client;

public sealed class DurableTaskClientTests
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SameIdWhileRunning_IsRefusedAsDuplicate()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Waits", (ctx, _) => ctx.WaitForExternalEvent<int>("Go")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new StartOrchestrationOptions("cluster-prod-eu"));
        await host.Client.WaitForInstanceStartAsync("cluster-prod-eu");

        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new StartOrchestrationOptions("cluster-prod-eu")));

        Assert.Equal(OrchestrationRuntimeStatus.Running, ex.Status);
        await host.Client.RaiseEventAsync("cluster-prod-eu", "Go", 1);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceCompletionAsync("cluster-prod-eu", cancellationToken: guard.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 5, new StartOrchestrationOptions("cluster-prod-eu"));
        await host.Client.RaiseEventAsync("cluster-prod-eu", "Go", 2);
        var second = await host.Client.WaitForInstanceCompletionAsync("cluster-prod-eu", true, guard.Token);
        Assert.Equal(2, second.ReadOutputAs<int>());
        Assert.Equal(5, second.ReadInputAs<int>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtInTheFuture_StaysPendingUntilTheClockGetsThere()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(b => b.AddOrchestratorFunc<int, DateTime>("Later", (ctx, _) => Task.FromResult(ctx.CurrentUtcDateTime)), clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", 0, new StartOrchestrationOptions(StartAt: clock.GetUtcNow().AddMinutes(10)));

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        clock.Advance(TimeSpan.FromMinutes(10));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(new DateTime(2030, 1, 1, 0, 10, 0, DateTimeKind.Utc), done.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_RefusesToReadPayloads()
    {
        await using var host = await DurableTestHost.StartAsync(b => b.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)));
        var done = await host.RunAsync("Echo", 3);

        var bare = await host.Client.GetInstanceAsync(done.InstanceId);

        Assert.Null(bare!.SerializedOutput);
        Assert.Throws<InvalidOperationException>(() => bare.ReadOutputAs<int>());
        Assert.Equal("Echo", bare.Name);
        Assert.True(bare.LastUpdatedAt >= bare.CreatedAt);
        Assert.Null(await host.Client.GetInstanceAsync("unknown-id"));
    }

    [Fact]
    public async Task QueryInstancesAsync_FiltersAndPages_ReturnsEveryMatchOnceWithContinuationTokens()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<int, int>("Waits", (ctx, _) => ctx.WaitForExternalEvent<int>("Go")));
        for (var i = 0; i < 7; i++)
        {
            await host.RunAsync("Echo", i, $"batch-a-{i}");
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new StartOrchestrationOptions("batch-b-0"));
        await host.Client.WaitForInstanceStartAsync("batch-b-0");

        var first = await host.Client.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "batch-a-", PageSize: 3));
        var all = new List<OrchestrationMetadata>();
        await foreach (var m in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "batch-", PageSize: 3, FetchInputsAndOutputs: true)))
        {
            all.Add(m);
        }

        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running], InstanceIdPrefix: "batch-"));

        Assert.Equal(["batch-a-0", "batch-a-1", "batch-a-2"], first.Instances.Select(i => i.InstanceId));
        Assert.Equal("batch-a-2", first.ContinuationToken);
        Assert.Equal(8, all.Select(m => m.InstanceId).Distinct().Count());
        Assert.Equal(6, all.Single(m => m.InstanceId == "batch-a-6").ReadOutputAs<int>());
        Assert.Equal("batch-b-0", Assert.Single(running.Instances).InstanceId);
        Assert.Null(running.ContinuationToken);
    }

    [Fact]
    public async Task PurgeInstanceAsync_CompletedAndRunning_DeletesOnlyTheFinishedOne()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<int, int>("Waits", (ctx, _) => ctx.WaitForExternalEvent<int>("Go")));
        var done = await host.RunAsync("Echo", 1);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await host.Client.WaitForInstanceStartAsync(running);

        var purgedDone = await host.Client.PurgeInstanceAsync(done.InstanceId);
        var purgedRunning = await host.Client.PurgeInstanceAsync(running);

        Assert.Equal(1, purgedDone.PurgedInstanceCount);
        Assert.Equal(0, purgedRunning.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId));
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync(done.InstanceId));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task PurgeInstanceAsync_Recursive_AlsoDeletesSubOrchestrations()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Child", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: "purge-child"))));
        var done = await host.RunAsync("Parent", 1, "purge-parent");

        var result = await host.Client.PurgeInstanceAsync(done.InstanceId, new PurgeInstanceOptions(Recursive: true));

        Assert.Equal(2, result.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("purge-child"));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ManyFinishedInstances_DeletesThemInBatches()
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<int, int>("Fails", (_, _) => throw new InvalidOperationException("x")));
        var ids = await Task.WhenAll(Enumerable.Range(0, 230).Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", i)));
        var failed = await host.RunAsync("Fails", 0);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var id in ids)
        {
            await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: guard.Token);
        }

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(230, result.PurgedInstanceCount);
        Assert.True(result.IsComplete);
        var remaining = await host.Client.QueryInstancesAsync(new OrchestrationQuery());
        Assert.Equal(failed.InstanceId, Assert.Single(remaining.Instances).InstanceId);
    }

    [Fact]
    public async Task Retention_FinishedInstanceOlderThanPeriod_IsPurgedByTheWorker()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(
            b => b.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)),
            clock,
            worker: o =>
            {
                o.RetentionPeriod = TimeSpan.FromDays(7);
                o.RetentionInterval = TimeSpan.FromHours(1);
            });
        var done = await host.RunAsync("Echo", 1);

        clock.Advance(TimeSpan.FromDays(8));

        await DurableTestHost.WaitUntilAsync(async () => await host.Client.GetInstanceAsync(done.InstanceId) is null, "retention purged the instance");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("bad\nid")]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidInstanceId_ThrowsNamingTheField(string id)
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", null, new StartOrchestrationOptions(id)));

        Assert.Equal("instanceId", ex.ParamName);
    }

    [Fact]
    public async Task RestartAsync_FinishedInstance_RunsAgainWithTheSameInput()
    {
        var runs = 0;
        await using var host = await DurableTestHost.StartAsync(b => b.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x + Interlocked.Increment(ref runs))));
        var done = await host.RunAsync("Echo", 10, "restart-me");

        var newId = await host.Client.RestartAsync(done.InstanceId, restartWithNewInstanceId: true);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var again = await host.Client.WaitForInstanceCompletionAsync(newId, true, guard.Token);

        Assert.NotEqual("restart-me", newId);
        Assert.Equal(10, again.ReadInputAs<int>());
        Assert.Equal(12, again.ReadOutputAs<int>());
    }

    [Fact]
    public void TaskName_DifferentCase_IsEqual()
    {
        TaskName a = "CreateCluster";
        TaskName b = "createcluster";

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Throws<ArgumentException>(() => new TaskName(" "));
    }
}
