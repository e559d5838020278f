namespace ClusterFunctions.Durable.Storage;

/// <summary>The stored state of one orchestration instance.</summary>
public sealed record InstanceRecord
{
    /// <summary>The instance ID.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution (changes on continue-as-new).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public DateTime CreatedTime { get; init; }

    /// <summary>When the instance last changed (UTC).</summary>
    public DateTime LastUpdatedTime { get; init; }

    /// <summary>When the instance reached a terminal status (UTC).</summary>
    public DateTime? CompletedTime { get; init; }

    /// <summary>Serialized input (only when requested).</summary>
    public string? Input { get; init; }

    /// <summary>Serialized output (only when requested).</summary>
    public string? Output { get; init; }

    /// <summary>Serialized custom status (only when requested).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent when this is a sub-orchestration.</summary>
    public ParentOrchestrationInstance? Parent { get; init; }

    /// <summary>Tags given at start.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Number of history events of the current execution; validates cached executors.</summary>
    public int HistoryCount { get; init; }
}
