using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>Everything one episode changes, committed in one transaction: history, status and outbox.</summary>
public sealed record OrchestrationCheckpoint
{
    /// <summary>The execution the history belongs to after this checkpoint.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>True on continue-as-new: the previous execution's history is deleted first.</summary>
    public bool ResetHistory { get; init; }

    /// <summary>Events appended to the history.</summary>
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    /// <summary>The new runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>New input (set on continue-as-new; null keeps the stored input).</summary>
    public string? Input { get; init; }

    /// <summary>Serialized output.</summary>
    public string? Output { get; init; }

    /// <summary>Serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Failure of the orchestration.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Activity tasks to enqueue.</summary>
    public IReadOnlyList<NewActivityTask> NewTasks { get; init; } = [];

    /// <summary>Messages for instances (timers to self, events, results to the parent, carried-over events).</summary>
    public IReadOnlyList<TaskMessage> Messages { get; init; } = [];

    /// <summary>Sub-orchestrations to create.</summary>
    public IReadOnlyList<NewOrchestrationInstance> NewInstances { get; init; } = [];
}
