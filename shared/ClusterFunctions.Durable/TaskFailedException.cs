namespace ClusterFunctions.Durable;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for task <paramref name="taskName"/> with sequence id <paramref name="taskId"/>.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The name of the failed activity or sub-orchestration.</summary>
    public string TaskName { get; }

    /// <summary>The sequence id of the task inside the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>The failure the task reported.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
