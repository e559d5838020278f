using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>An activity task an orchestration scheduled.</summary>
public sealed record NewActivityTask(string InstanceId, string ExecutionId, HistoryEvent TaskScheduled);
