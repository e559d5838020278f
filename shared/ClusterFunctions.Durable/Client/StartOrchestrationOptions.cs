namespace ClusterFunctions.Durable.Client;

/// <summary>Options for starting an orchestration: instance ID, delayed start, tags and de-duplication.</summary>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>Tags stored with the instance.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Statuses of an existing instance with the same ID that refuse the start (default Pending, Running, Suspended).</summary>
    public IReadOnlyList<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }
}
