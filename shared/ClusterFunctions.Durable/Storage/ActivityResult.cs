using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>The outcome of an activity: the TaskCompleted or TaskFailed event for its orchestration.</summary>
public sealed record ActivityResult(ActivityWorkItem WorkItem, HistoryEvent Outcome);
