using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>A leased activity task: its TaskScheduled event and the instance that waits for it.</summary>
public sealed record ActivityWorkItem(
    long SequenceNumber, string LockedBy, string InstanceId, string ExecutionId, HistoryEvent TaskScheduled, int DequeueCount, string? LastError);
