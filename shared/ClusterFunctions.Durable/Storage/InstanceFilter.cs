namespace ClusterFunctions.Durable.Storage;

/// <summary>Which instances a query or purge selects.</summary>
public sealed record InstanceFilter
{
    /// <summary>Created at or after (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Created at or before (UTC).</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Completed at or before (UTC); used by retention.</summary>
    public DateTime? CompletedTo { get; init; }

    /// <summary>Only these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only IDs starting with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }
}
