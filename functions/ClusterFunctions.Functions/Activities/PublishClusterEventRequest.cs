using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Activities;

/// <summary>One completion event to publish: its CloudEvents type and data (never credentials).</summary>
/// <param name="FinishedInstanceId">The orchestration whose stored status must say it finished before the event goes out; null to publish at once.</param>
public sealed record PublishClusterEventRequest(string EventType, ClusterEventData Data, string? FinishedInstanceId = null);
