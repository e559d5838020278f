namespace ClusterFunctions.Durable.Client;

/// <summary>How many instances a purge deleted, and whether it finished (false when it stopped at its timeout).</summary>
public sealed record PurgeResult(int PurgedInstanceCount, bool? IsComplete = true);
