namespace ClusterFunctions.Durable.History;

/// <summary>One event of an orchestration's history, or a message that becomes one; unused fields stay null.</summary>
public sealed record HistoryEvent
{
    /// <summary>The kind of event.</summary>
    public required EventType EventType { get; init; }

    /// <summary>Sequence id of a scheduling event (TaskScheduled, TimerCreated, ...); -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Orchestrator, activity or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input of a start, task or sub-orchestration; payload of an event; reason of a termination.</summary>
    public string? Input { get; init; }

    /// <summary>Result of a completed task, sub-orchestration or execution.</summary>
    public string? Result { get; init; }

    /// <summary>For completions: the EventId of the scheduling event (the timer id for TimerFired).</summary>
    public int TaskScheduledId { get; init; } = -1;

    /// <summary>When a timer fires (UTC).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>Target instance of EventSent; child instance of SubOrchestrationInstanceCreated.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The execution an ExecutionStarted begins.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Final status carried by ExecutionCompleted.</summary>
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    /// <summary>Failure of a task, sub-orchestration or execution.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent of a sub-orchestration (ExecutionStarted).</summary>
    public ParentOrchestrationInstance? ParentInstance { get; init; }

    /// <summary>ExecutionTerminated: also terminate the running sub-orchestrations.</summary>
    public bool? Recursive { get; init; }

    /// <summary>Tags given at start (ExecutionStarted).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
