using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>A message taken from an instance's queue, with how often it has been taken.</summary>
public sealed record InboundMessage(long SequenceNumber, string? ExecutionId, HistoryEvent Event, int DequeueCount, string? LastError);
