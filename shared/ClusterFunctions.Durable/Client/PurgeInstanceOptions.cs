namespace ClusterFunctions.Durable.Client;

/// <summary>Purge options: <see cref="Recursive"/> also deletes sub-orchestrations.</summary>
public sealed record PurgeInstanceOptions(bool Recursive = false);
