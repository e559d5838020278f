namespace ClusterFunctions.Durable;

/// <summary>Scheduling refused because an instance with that ID exists in a de-duplicated status.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
    : InvalidOperationException(
        $"An orchestration with instance ID '{instanceId}' already exists and is {status}; " +
        "wait for it to finish, or purge or terminate it, before starting a new one with that ID.")
{
    /// <summary>The instance ID that already exists.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The status of the existing instance.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}
