using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>A message for an orchestration instance: a history event delivered at or after <see cref="VisibleAt"/>.</summary>
/// <param name="ExecutionId">The execution it belongs to; null for events that go to whatever execution runs.</param>
public sealed record TaskMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, DateTime VisibleAt);
