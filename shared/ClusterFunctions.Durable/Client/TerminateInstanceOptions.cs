namespace ClusterFunctions.Durable.Client;

/// <summary>Terminate options: the output recorded, and whether running sub-orchestrations are terminated too.</summary>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
