namespace ClusterFunctions.Durable.Client;

/// <summary>Which finished instances a bulk purge deletes.</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IEnumerable<OrchestrationRuntimeStatus>? Statuses = null)
{
    /// <summary>Stop after this long and report IsComplete = false.</summary>
    public TimeSpan? Timeout { get; init; }
}
