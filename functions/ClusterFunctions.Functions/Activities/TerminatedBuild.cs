namespace ClusterFunctions.Functions.Activities;

/// <summary>A terminated build that never announced its outcome, and the event it owes.</summary>
public sealed record TerminatedBuild(string InstanceId, DateTimeOffset TerminatedAt, PublishClusterEventRequest Event);
