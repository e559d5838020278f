using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Sqlite;
using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests.Sqlite;

/// <summary>Two store objects on one file stand for two worker processes sharing the database.</summary>
public sealed class SqliteLeaseTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string path = DurableTestHost.NewDatabasePath();
    private readonly SqliteOrchestrationStore workerA;
    private readonly SqliteOrchestrationStore workerB;

    public SqliteLeaseTests()
    {
        workerA = new SqliteOrchestrationStore(new SqliteStoreOptions { DatabasePath = path }, clock);
        workerB = new SqliteOrchestrationStore(new SqliteStoreOptions { DatabasePath = path }, clock);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_LeasedElsewhere_WaitsForExpiryAndTheOldOwnerCannotCheckpoint()
    {
        await CreateInstanceAsync("lease-1");
        var a = await workerA.LockNextOrchestrationAsync("A", Lease, 10);

        Assert.NotNull(a);
        Assert.Null(await workerB.LockNextOrchestrationAsync("B", Lease, 10));
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var b = await workerB.LockNextOrchestrationAsync("B", Lease, 10);
        Assert.NotNull(b);
        Assert.Equal(2, b.Messages.Single().DequeueCount);

        Assert.False((await workerA.CompleteOrchestrationAsync(a, Checkpoint(a, "from A"))).Committed);
        Assert.True((await workerB.CompleteOrchestrationAsync(b, Checkpoint(b, "from B"))).Committed);
        var instance = await workerA.GetInstanceAsync("lease-1", includePayloads: true);
        Assert.Equal("from B", instance!.CustomStatus);
        Assert.Equal(1, (await workerA.GetHistoryAsync("lease-1")).Count(e => e.EventType == EventType.ExecutionStarted));
    }

    [Fact]
    public async Task RenewLocksAsync_BeforeExpiry_KeepsOtherWorkersOut()
    {
        await CreateInstanceAsync("lease-2");
        Assert.NotNull(await workerA.LockNextOrchestrationAsync("A", Lease, 10));

        clock.Advance(TimeSpan.FromSeconds(8));
        await workerA.RenewLocksAsync("A", ["lease-2"], [], Lease);
        clock.Advance(TimeSpan.FromSeconds(8));

        Assert.Null(await workerB.LockNextOrchestrationAsync("B", Lease, 10));
    }

    [Fact]
    public async Task CompleteActivitiesAsync_LeaseTakenOver_DiscardsTheLateDuplicateResult()
    {
        await CreateInstanceAsync("lease-3");
        var item = (await workerA.LockNextOrchestrationAsync("A", Lease, 10))!;
        var scheduled = new HistoryEvent { EventType = EventType.TaskScheduled, EventId = 0, Name = "Slow" };
        Assert.True((await workerA.CompleteOrchestrationAsync(item, Checkpoint(item, null) with { NewTasks = [new NewActivityTask("lease-3", "e1", scheduled)] })).Committed);

        var taskA = Assert.Single(await workerA.LockNextActivitiesAsync("A", Lease, 5));
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var taskB = Assert.Single(await workerB.LockNextActivitiesAsync("B", Lease, 5));
        Assert.Equal(taskA.SequenceNumber, taskB.SequenceNumber);

        var acceptedB = (await workerB.CompleteActivitiesAsync([new ActivityResult(taskB, Completed("b"))])).Accepted;
        var acceptedA = (await workerA.CompleteActivitiesAsync([new ActivityResult(taskA, Completed("a"))])).Accepted;

        Assert.Equal([true], acceptedB);
        Assert.Equal([false], acceptedA);
        var next = (await workerA.LockNextOrchestrationAsync("A", Lease, 10))!;
        Assert.Equal("\"b\"", Assert.Single(next.Messages).Event.Result);
    }

    [Fact]
    public async Task CompleteActivitiesAsync_InstanceAlreadyTerminated_DropsTheResult()
    {
        await CreateInstanceAsync("lease-4");
        var item = (await workerA.LockNextOrchestrationAsync("A", Lease, 10))!;
        var scheduled = new HistoryEvent { EventType = EventType.TaskScheduled, EventId = 0, Name = "Slow" };
        await workerA.CompleteOrchestrationAsync(item, Checkpoint(item, null) with { NewTasks = [new NewActivityTask("lease-4", "e1", scheduled)] });
        var task = Assert.Single(await workerA.LockNextActivitiesAsync("A", Lease, 5));
        var again = (await workerA.CreateAndLockAsync("lease-4"))!;
        await workerA.CompleteOrchestrationAsync(again, Checkpoint(again, null) with { RuntimeStatus = OrchestrationRuntimeStatus.Terminated });

        Assert.Equal([true], (await workerA.CompleteActivitiesAsync([new ActivityResult(task, Completed("late"))])).Accepted);
        Assert.Null(await workerA.LockNextOrchestrationAsync("A", Lease, 10));
    }

    public void Dispose()
    {
        workerA.Dispose();
        workerB.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    private static HistoryEvent Completed(string result) =>
        new() { EventType = EventType.TaskCompleted, TaskScheduledId = 0, Result = $"\"{result}\"" };

    private static OrchestrationCheckpoint Checkpoint(OrchestrationWorkItem item, string? customStatus) => new()
    {
        ExecutionId = "e1",
        NewHistory = [.. item.Messages.Select(m => m.Event)],
        RuntimeStatus = OrchestrationRuntimeStatus.Running,
        CustomStatus = customStatus,
    };

    private async Task CreateInstanceAsync(string id)
    {
        await workerA.InitializeAsync();
        await workerB.InitializeAsync();
        var started = new HistoryEvent { EventType = EventType.ExecutionStarted, Name = "Any", ExecutionId = "e1" };
        await workerA.CreateInstanceAsync(new NewOrchestrationInstance(id, started, clock.GetUtcNow().UtcDateTime), []);
    }
}
