using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Sqlite;
using ClusterFunctions.Durable.Storage;

namespace ClusterFunctions.Durable.Tests.Sqlite;

/// <summary>Queues a terminate message for an instance and leases it, as a client plus worker would.</summary>
internal static class SqliteStoreTestExtensions
{
    public static async Task<OrchestrationWorkItem?> CreateAndLockAsync(this SqliteOrchestrationStore store, string instanceId)
    {
        await store.SendMessageAsync(new TaskMessage(instanceId, null, new HistoryEvent { EventType = EventType.ExecutionTerminated }, DateTime.MinValue));
        return await store.LockNextOrchestrationAsync("A", TimeSpan.FromSeconds(10), 10);
    }
}
