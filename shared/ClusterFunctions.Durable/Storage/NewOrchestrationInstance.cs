using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>An instance to create: its row and its ExecutionStarted message.</summary>
public sealed record NewOrchestrationInstance(string InstanceId, HistoryEvent ExecutionStarted, DateTime VisibleAt);
