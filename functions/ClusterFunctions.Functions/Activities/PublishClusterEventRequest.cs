using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Activities;

/// <summary>One completion event to publish: its CloudEvents type and data (never credentials).</summary>
public sealed record PublishClusterEventRequest(string EventType, ClusterEventData Data);
