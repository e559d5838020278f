namespace ClusterFunctions.Durable;

/// <summary>The orchestration that started a sub-orchestration, with the task id the result goes back to.</summary>
public sealed record ParentOrchestrationInstance(TaskName Name, string InstanceId)
{
    /// <summary>The parent's execution, so results never reach a later (continued-as-new) execution.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The sequence id of the sub-orchestration task in the parent.</summary>
    public int TaskScheduledId { get; init; } = -1;
}
