namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>A terminated build the announcer published an event for: the build, and when it was terminated (a name reused and terminated again is another).</summary>
public sealed record AnnouncedTermination(string InstanceId, DateTimeOffset TerminatedAt);
