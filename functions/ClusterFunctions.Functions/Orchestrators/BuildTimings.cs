namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>Polling intervals and deadlines of a build, carried in its input (orchestrators read no configuration).</summary>
public sealed record BuildTimings(TimeSpan InfrastructurePoll, TimeSpan GatePoll, TimeSpan InfrastructureTimeout);
