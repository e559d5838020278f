namespace ClusterFunctions.Durable.Client;

/// <summary>Terminate options: the output recorded for the terminated instance.</summary>
public sealed record TerminateInstanceOptions(object? Output = null);
